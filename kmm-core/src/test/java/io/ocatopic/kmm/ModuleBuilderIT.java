package io.ocatopic.kmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kmm.build.BuildResult;
import io.ocatopic.kmm.internal.AdmissionRules;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kmm.internal.build.DockerApiEngine;
import io.ocatopic.kmm.build.BuildResult.KernelImage;
import io.ocatopic.kmm.internal.build.RegistryClient;
import io.ocatopic.kmm.internal.resources.KmmResources;
import io.ocatopic.kmm.internal.resources.Module;
import io.ocatopic.kmm.sign.ModuleSigner;
import io.ocatopic.kmm.sign.SigningKeys;
import io.ocatopic.kube.testing.RealEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the real environment (scripts/test-env.sh): a real module built for two Debian kernels in
 * the debootstrap builder image, signed here, pushed to the local docker-registry; the image is pulled
 * back through the registry HTTP API and each .ko is checked with modinfo and the SDK's verifier.
 */
class ModuleBuilderIT {
    private static final Path MODINFO = Path.of("/usr/sbin/modinfo");

    @TempDir
    Path tmp;

    @Test
    void buildsSignsAndPushesOneImagePerKernel() throws Exception {
        String dockerHost = RealEnvironment.require("DOCKER_HOST");
        String registry = RealEnvironment.require("OCATOPIC_TEST_REGISTRY");
        String base = RealEnvironment.require("OCATOPIC_BASE_IMAGE");
        String builder = RealEnvironment.require("OCATOPIC_BUILDER_IMAGE");
        List<String> kernels = Arrays.asList(RealEnvironment.require("OCATOPIC_TEST_KERNELS").trim().split("\\s+"));
        RealEnvironment.requireExecutable(MODINFO);
        assertTrue(kernels.size() >= 2, "the environment names at least two kernels");

        Path key = tmp.resolve("signing_key.pem");
        Path cert = tmp.resolve("signing_cert.pem");
        run(List.of("openssl", "req", "-new", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-subj", "/CN=ocatopic kmm IT signer", "-days", "2"));
        ModuleSigner signer = ModuleSigner.of(SigningKeys.fromFiles(key, cert));

        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ModuleBuilder mb = ModuleBuilder.forModule("ocatopic_hello")
                .namespace("kmm-it")
                .source(ModuleSource.makefile(resource("hello-module")))
                .kernels(kernels)
                .image(registry + "/kmm-it/${MOD_NAME}:${KERNEL_FULL_VERSION}")
                .builderImage(builder).baseImage(base).insecureRegistry(true)
                .signWith(signer);
        BuildResult result;
        try (DockerApiEngine engine = DockerApiEngine.connect(dockerHost)) {
            result = mb.build(engine, ev -> log.add(ev.subject() + " | " + ev.message()));
        }
        assertEquals(kernels.size(), result.images().size());
        // engine output (compiler lines, or cache hits when the layers already exist) and our steps reach the listener
        assertTrue(log.stream().anyMatch(l -> !l.contains("| ocatopic: ")), "engine output reached the listener");
        assertTrue(log.stream().anyMatch(l -> l.endsWith("ocatopic: signed ocatopic_hello.ko")), "signing reported");

        RegistryClient reg = RegistryClient.insecure();
        List<String> digests = new ArrayList<>();
        for (String kernel : kernels) {
            KernelImage img = result.image(kernel).orElseThrow();
            assertEquals(registry + "/kmm-it/ocatopic-hello:" + kernel, img.image());
            // the registry's own digest for the tag is the one reported
            assertEquals(reg.digest(ImageReference.parse(img.image())), img.digest());
            digests.add(img.digest());

            Path rootfs = tmp.resolve("rootfs-" + kernel);
            reg.pull(ImageReference.parse(img.pinned()), rootfs);
            Path dir = rootfs.resolve("opt/lib/modules/" + kernel);
            Path ko = dir.resolve("ocatopic_hello.ko");
            assertTrue(Files.isRegularFile(ko), "module at /opt/lib/modules/" + kernel);
            assertTrue(Files.isRegularFile(dir.resolve("modules.dep")), "depmod output present");
            assertTrue(Files.readString(dir.resolve("modules.dep")).contains("ocatopic_hello.ko:"), "depmod lists the module");
            for (String tool : List.of("bin/sh", "bin/mkdir", "bin/cp")) {
                assertTrue(Files.exists(rootfs.resolve(tool), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        || Files.isSymbolicLink(rootfs.resolve(tool)) || Files.exists(rootfs.resolve("bin/busybox")),
                        tool + " in the image");
            }
            String vermagic = run(List.of(MODINFO.toString(), "-F", "vermagic", ko.toString())).trim();
            assertTrue(vermagic.startsWith(kernel + " "), "vermagic " + vermagic + " is for " + kernel);
            assertEquals("ocatopic kmm IT signer", run(List.of(MODINFO.toString(), "-F", "signer", ko.toString())).trim());
            assertEquals("sha256", run(List.of(MODINFO.toString(), "-F", "sig_hashalgo", ko.toString())).trim());
            SdkVerifier.assertVerifies(ko, cert);
        }
        assertNotEquals(digests.get(0), digests.get(1), "each kernel has its own image");

        // the Module for the pushed images: one literal per kernel, pinned by digest, admitted by KMM's rules
        Module m = (Module) mb.moduleForImages(result.pinnedImages());
        assertEquals(List.of(), AdmissionRules.validate(m));
        assertEquals(kernels.get(0), m.getSpec().moduleLoader().container().kernelMappings().get(0).literal());
        assertTrue(m.getSpec().moduleLoader().container().kernelMappings().get(0).containerImage().contains("@sha256:"));
    }

    @Test
    void failedCompileReportsTheCompilerErrorLine() throws Exception {
        String dockerHost = RealEnvironment.require("DOCKER_HOST");
        String registry = RealEnvironment.require("OCATOPIC_TEST_REGISTRY");
        String builder = RealEnvironment.require("OCATOPIC_BUILDER_IMAGE");
        String base = RealEnvironment.require("OCATOPIC_BASE_IMAGE");
        String kernel = RealEnvironment.require("OCATOPIC_TEST_KERNELS").trim().split("\\s+")[0];
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        KmmException e;
        try (DockerApiEngine engine = DockerApiEngine.connect(dockerHost)) {
            e = assertThrows(KmmException.class, () -> ModuleBuilder.forModule("ocatopic_broken").namespace("kmm-it")
                    .source(ModuleSource.makefile(resource("broken-module"))).kernels(kernel)
                    .image(registry + "/kmm-it/broken:${KERNEL_FULL_VERSION}").builderImage(builder).baseImage(base)
                    .insecureRegistry(true).build(engine, ev -> log.add(ev.message())));
        }
        assertEquals(KmmException.Reason.BUILD_FAILED, e.reason());
        assertTrue(e.getMessage().contains("ocatopic_broken.c:7") && e.getMessage().contains("error:")
                && e.getMessage().contains("undeclared_symbol_for_ocatopic_test"), e.getMessage());
        assertTrue(log.stream().anyMatch(l -> l.contains("undeclared_symbol_for_ocatopic_test")), "the listener saw the error");
    }

    static Path resource(String name) throws Exception {
        return Path.of(ModuleBuilderIT.class.getClassLoader().getResource(name).toURI());
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
