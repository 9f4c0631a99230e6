package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ztp mirror --config} and {@code --since REGISTRY}: what is refused before any registry is contacted. */
class MirrorCommandTest {
    @TempDir
    Path dir;

    @Test
    void anImageSetWithFieldsOcatopicDoesNotSupportIsBadInputNamingThem() throws Exception {
        Path config = dir.resolve("imageset.yaml");
        Files.writeString(config, """
                apiVersion: mirror.openshift.io/v2alpha1
                kind: ImageSetConfiguration
                mirror:
                  platform:
                    channels:
                      - name: stable-4.16
                  helm: {}
                """);
        CliRun.Result r = CliRun.exec(null, "ztp", "mirror", "--to-dir", dir.resolve("out").toString(), "--config",
                config.toString(), "quay.io/org/app:1.0");
        assertEquals(2, r.rc(), r.err());
        assertTrue(r.err().startsWith("ocatopic ztp mirror: "), r.err());
        assertTrue(r.err().contains("imageset.yaml: mirror.platform.channels: not supported by ocatopic"), r.err());
        assertTrue(r.err().contains("imageset.yaml: mirror.helm: not supported by ocatopic"), r.err());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");

        CliRun.Result missing = CliRun.exec(null, "ztp", "mirror", "--to-dir", "x", "--config",
                dir.resolve("none.yaml").toString());
        assertEquals(2, missing.rc(), missing.err());
        CliRun.Result withFrom = CliRun.exec(null, "ztp", "mirror", "--from", "a.tar", "--to", "127.0.0.1:1",
                "--config", config.toString());
        assertEquals(2, withFrom.rc(), withFrom.err());
        assertTrue(withFrom.err().contains("give no --config"), withFrom.err());
    }

    @Test
    void sinceTakesAnArchiveOrASiteRegistry() throws Exception {
        assertEquals("site:5000", MirrorCommand.sinceRegistry("docker://site:5000"));
        assertEquals("site-registry.local:5000", MirrorCommand.sinceRegistry("site-registry.local:5000"));
        assertEquals("site", MirrorCommand.sinceRegistry("docker://site/"));
        assertNull(MirrorCommand.sinceRegistry("site.tar"));
        assertNull(MirrorCommand.sinceRegistry(dir.resolve("base.tar").toString()));
        Path odd = Files.createFile(dir.resolve("host:5000"));
        assertNull(MirrorCommand.sinceRegistry(odd.toString()), "an existing file is an archive");
    }

    @Test
    void moduleImagesBuiltByKmmTravelInTheSameMirrorByDigest() {
        String digest = "sha256:" + "a".repeat(64);
        io.ocatopic.kmm.build.BuildResult built = new io.ocatopic.kmm.build.BuildResult(java.util.List.of(
                new io.ocatopic.kmm.build.BuildResult.KernelImage("6.1.0-54-amd64", "registry.local/kmod/hello:6.1.0-54",
                        digest, java.util.List.of("hello.ko"), java.time.Duration.ZERO)), java.time.Duration.ZERO);
        java.util.List<String> images = io.ocatopic.examples.CargoShipMirrorExample.withModules(
                java.util.List.of("quay.io/org/app:1.0"), built);
        assertEquals(java.util.List.of("quay.io/org/app:1.0", "registry.local/kmod/hello@" + digest), images);
        io.ocatopic.ztp.mirror.RegistryMirror m = io.ocatopic.ztp.mirror.RegistryMirror.builder()
                .toArchive(dir.resolve("site.tar"), 0).build();
        assertEquals("registry.local/kmod/hello", m.requestFor(images.get(1)).destination(),
                "into the archive under its own name, by digest only (no tag)");
    }
}
