package io.ocatopic.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.examples.DpuOffloadExample;
import io.ocatopic.scale.ScaleSources;
import io.ocatopic.scale.SpokeSource;
import io.ocatopic.kmm.KernelMapping;
import io.ocatopic.kmm.ModuleBuilder;
import io.ocatopic.kube.SchemaCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every object ocatopic renders, from every sample and fixture, checked against the upstream CRDs and the
 * consuming operators' admission rules ({@link SchemaCheck}), each output set as it is applied together.
 */
class ConformanceTest {
    /** The output kinds that must be among the checked objects, so that a render that drops one fails here. */
    private static final Set<String> EXPECTED_KINDS = Set.of(
            // ztp: hub-driven install, ACM import, mirrors
            "ClusterDeployment", "AgentClusterInstall", "InfraEnv", "NMStateConfig", "BareMetalHost", "ClusterImageSet",
            "ManagedCluster", "KlusterletAddonConfig", "ImageDigestMirrorSet", "Secret", "Namespace",
            // dpu
            "DpuClusterConfig", "SriovNetworkNodePolicy", "Node",
            // dpu: DPF for BlueField-3
            "DPFOperatorConfig", "DPUCluster", "BFB", "DPUFlavor", "DPUSet", "DPUService",
            // ztp: ClusterInstance
            "ClusterInstance",
            // gpu
            "ClusterPolicy", "ConfigMap", "HyperConverged",
            // kmm
            "Module", "ManagedClusterModule", "PreflightValidation");

    private final Map<String, Supplier<List<?>>> sets = new LinkedHashMap<>();

    ConformanceTest() {
        ZtpSets.addTo(sets);
        GpuSets.addTo(sets);
        DpfSets.addTo(sets);
        ClusterInstanceSets.addTo(sets);
        FleetSets.addTo(sets);
        sets.put("dpu sample: infra cluster", () -> dpuInfra(DpuOffloadExample.sampleConfig().render()));
        sets.put("dpu sample: tenant cluster", () -> dpuTenant(DpuOffloadExample.sampleConfig().render()));
        sets.put("dpu sample with a smart-NIC host: tenant cluster", () -> dpuTenant(
                io.ocatopic.dpu.DpuOffloadConfig.builder("edge-infra", "edge-tenant")
                        .node("dpu-worker-0", "host-worker-0", new io.ocatopic.dpu.Card(io.ocatopic.dpu.Card.Model.BLUEFIELD_2,
                                "0000:03:00.0", "p0", "ens1f0", java.util.OptionalInt.empty()))
                        .smartNicHost("host-worker-2", "ens8f0")
                        .numVfs(8).mgmtPortVf(0).build().render()));
        sets.put("kmm: Module, ManagedClusterModule, PreflightValidation", ConformanceTest::kmm);
        sets.put("kmm: in-cluster build", () -> {
            ModuleBuilder mb = kmmBuilder();
            List<Object> out = new ArrayList<>(mb.inClusterBuild(
                    mb.makefileDockerfile("registry.example.com/builder:bookworm", "registry.example.com/base:bookworm"),
                    Optional.of(new ModuleBuilder.SigningMaterial("KEY".getBytes(), "CERT".getBytes()))));
            return out;
        });
        for (SpokeSource s : ScaleSources.all()) {
            sets.put("scale source " + s.name(), () -> {
                List<Object> out = new ArrayList<>(s.fleetObjects("conf"));
                out.addAll(s.spokeObjects("conf", 0));
                out.addAll(s.spokeObjects("conf", 1));
                return out;
            });
        }
    }

    @Test
    void everyRenderedObjectConforms() {
        SchemaCheck check = SchemaCheck.bundled();
        int checked = 0;
        long conform = 0;
        Set<String> kinds = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Supplier<List<?>>> set : sets.entrySet()) {
            List<?> objects = set.getValue().get();
            assertTrue(!objects.isEmpty(), set.getKey() + " rendered nothing");
            SchemaCheck.Report report = check.checkAll(objects);
            checked += objects.size();
            conform += report.conforming();
            for (SchemaCheck.Result r : report.results()) {
                kinds.add(String.valueOf(r.object().get("kind")));
                r.problems().forEach(p -> problems.add(set.getKey() + ": " + r.ref() + ": " + p));
            }
        }
        System.out.println(checked + " objects checked, " + conform + " conform (" + sets.size() + " output sets, "
                + kinds.size() + " kinds)");
        problems.forEach(System.out::println);
        assertEquals(List.of(), problems);
        Set<String> missing = new TreeSet<>(EXPECTED_KINDS);
        missing.removeAll(kinds);
        assertEquals(Set.of(), missing, "output kinds no set rendered");
        assertEquals(checked, conform);
    }

    static List<?> dpuInfra(DpuResources r) {
        List<Object> out = new ArrayList<>(r.infra());
        out.addAll(r.infraNodes());
        return out;
    }

    static List<?> dpuTenant(DpuResources r) {
        List<Object> out = new ArrayList<>(r.tenant());
        out.addAll(r.tenantNodes());
        return out;
    }

    static ModuleBuilder kmmBuilder() {
        return ModuleBuilder.forModule("ocatopic_hello").namespace("kmm-demo")
                .image("registry.example.com:5000/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}")
                .mapping(KernelMapping.regexp("^6\\.1\\.0-\\d+-amd64$", ""))
                .kernels(List.of("6.1.0-54-amd64", "6.1.0-56-amd64"));
    }

    static List<?> kmm() {
        ModuleBuilder mb = kmmBuilder();
        List<Object> out = new ArrayList<>();
        out.add(mb.module());
        out.add(mb.managedClusterModule("kmm-demo", Map.of("edge", "true")));
        out.add(ModuleBuilder.preflight("6.1.0-56-amd64", false));
        out.add(ModuleBuilder.preflight("6.1.0-56-amd64", true));
        ModuleBuilder literal = ModuleBuilder.forModule("nvidia_peermem").namespace("nvidia")
                .image("registry.example.com:5000/kmm/peermem:${KERNEL_FULL_VERSION}")
                .mapping(KernelMapping.literal("6.1.0-56-amd64", "registry.example.com:5000/kmm/peermem@sha256:" + "a".repeat(64)))
                .kernels(List.of("6.1.0-56-amd64"));
        out.add(literal.module());
        return out;
    }

    static List<HasMetadata> hasMetadata(List<?> l) {
        return l.stream().map(HasMetadata.class::cast).toList();
    }
}
