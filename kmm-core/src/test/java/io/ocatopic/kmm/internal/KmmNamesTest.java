package io.ocatopic.kmm.internal;

import io.ocatopic.kmm.*;

import io.ocatopic.core.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kmm.internal.resources.InClusterBuild;
import io.ocatopic.kmm.internal.resources.KmmResources;
import io.ocatopic.kmm.internal.resources.ManagedClusterModule;
import io.ocatopic.kmm.internal.resources.Module;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Object names are DNS-1123 subdomains derived from kernel module names ({@code _} becomes {@code -}, lower
 * case), while modprobe keeps the kernel's name.
 */
class KmmNamesTest {
    @ParameterizedTest
    @CsvSource({"ocatopic_hello, ocatopic-hello", "mlx5_core, mlx5-core", "nvidia_peermem, nvidia-peermem",
            "Intel_QAT, intel-qat", "hello, hello"})
    void theModuleIsNamedAfterTheKernelModuleAndModprobeKeepsItsName(String kernelName, String objectName) {
        assertEquals(objectName, KmmNames.objectName(kernelName));
        ModuleSpec spec = ModuleBuilder.forModule(kernelName).namespace("kmm")
                .image("reg.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}").spec();
        assertEquals(objectName, spec.name());
        assertEquals(kernelName, spec.moduleName());
        Module m = KmmResources.module(spec);
        assertEquals(objectName, m.getMetadata().getName());
        assertEquals(kernelName, m.getSpec().moduleLoader().container().modprobe().moduleName());
        assertTrue(io.ocatopic.kube.internal.KubeNames.isSubdomain(m.getMetadata().getName()));
        // KMM substitutes MOD_NAME with the Module's name
        assertEquals("reg.example.com/kmm/" + objectName + ":6.1.0-54-amd64", spec.imageFor("6.1.0-54-amd64"));
        assertEquals(objectName, spec.buildArgsFor("6.1.0-54-amd64").get("MOD_NAME"));
    }

    @Test
    void everyDerivedObjectNameIsASubdomain() {
        ModuleSpec spec = ModuleBuilder.forModule("nvidia_peermem").namespace("kmm").image("reg/kmm/p:${KERNEL_FULL_VERSION}").spec();
        List<HasMetadata> objects = new java.util.ArrayList<>(InClusterBuild.render(spec, "FROM x", Optional.of(
                new ModuleBuilder.SigningMaterial(new byte[]{1}, new byte[]{2}))));
        ManagedClusterModule mcm = KmmResources.managedClusterModule(spec, "kmm", Map.of());
        objects.add(mcm);
        objects.add(KmmResources.moduleForImages(spec, Map.of("6.1.0-54-amd64", "reg/kmm/p@sha256:" + "a".repeat(64))));
        objects.add(KmmResources.preflight("6.1.0-56+rt_x86_64", true));
        assertEquals(List.of("nvidia-peermem-dockerfile", "nvidia-peermem-signing-key", "nvidia-peermem-signing-cert",
                "nvidia-peermem", "nvidia-peermem", "nvidia-peermem", "preflight-6-1-0-56-rt-x86-64"),
                objects.stream().map(o -> o.getMetadata().getName()).toList());
        for (HasMetadata o : objects) {
            assertTrue(io.ocatopic.kube.internal.KubeNames.isSubdomain(o.getMetadata().getName()), o.getKind() + " " + o.getMetadata().getName());
        }
        Module inCluster = (Module) objects.get(3);
        assertEquals("nvidia_peermem", inCluster.getSpec().moduleLoader().container().modprobe().moduleName());
        assertEquals("nvidia_peermem", mcm.getSpec().moduleSpec().moduleLoader().container().modprobe().moduleName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello.", "-hello", "héllo", "hello world", "hello/x", "a..b"})
    void aNameThatIsNoSubdomainAfterDerivationIsRejectedAtMetadataName(String kernelName) {
        KmmException e = assertThrows(KmmException.class, () -> ModuleBuilder.forModule(kernelName).namespace("kmm")
                .image("reg/x:1").spec());
        assertEquals(KmmException.Reason.INVALID, e.reason());
        assertEquals(List.of("metadata.name"), e.problems().stream().map(Problem::path).toList(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("DNS-1123 subdomain"), e.getMessage());
    }

    @Test
    void aSpecMadeWithoutTheBuilderIsCheckedToo() {
        ModuleSpec spec = ModuleBuilder.forModule("ocatopic_hello").namespace("kmm").image("reg/x:1").spec();
        ModuleSpec raw = new ModuleSpec("ocatopic_hello", spec.namespace(), spec.moduleName(), spec.source(), spec.kernels(),
                spec.mappings(), spec.imageTemplate(), spec.buildArgs(), spec.dirName(), spec.firmwarePath(),
                spec.firmwareDirectory(), spec.modulesLoadingOrder(), spec.rawLoadArgs(), spec.rawUnloadArgs(),
                spec.parameters(), spec.selector(), spec.imageRepoSecret(), spec.signed(), spec.filesToSign());
        assertEquals(List.of("metadata.name"), raw.validate().stream().map(Problem::path).toList());
        assertEquals(List.of(), spec.validate());
    }

    @Test
    void subdomainRules() {
        assertTrue(io.ocatopic.kube.internal.KubeNames.isSubdomain("a"));
        assertTrue(io.ocatopic.kube.internal.KubeNames.isSubdomain("mlx5-core.v2"));
        assertTrue(io.ocatopic.kube.internal.KubeNames.isSubdomain("a".repeat(253)));
        assertFalse(io.ocatopic.kube.internal.KubeNames.isSubdomain("a".repeat(254)));
        assertFalse(io.ocatopic.kube.internal.KubeNames.isSubdomain(""));
        assertFalse(io.ocatopic.kube.internal.KubeNames.isSubdomain("mlx5_core"));
        assertFalse(io.ocatopic.kube.internal.KubeNames.isSubdomain("Hello"));
        assertEquals(Optional.empty(), KmmNames.subdomainProblem("metadata.name", "ok"));
        assertEquals("metadata.name", KmmNames.subdomainProblem("metadata.name", "no_").orElseThrow().path());
    }

    @Test
    void aPreflightNeedsAKernel() {
        KmmException e = assertThrows(KmmException.class, () -> KmmResources.preflight(" ", false));
        assertEquals("spec.kernelVersion", e.problems().get(0).path());
        KmmException tooLong = assertThrows(KmmException.class, () -> KmmResources.preflight("6.1." + "0".repeat(250), false));
        assertEquals("metadata.name", tooLong.problems().get(0).path());
    }
}
