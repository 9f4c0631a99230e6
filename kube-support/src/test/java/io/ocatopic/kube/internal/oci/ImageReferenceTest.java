package io.ocatopic.kube.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String D = "sha256:" + "ab".repeat(32);

    @Test
    void parsesRegistryRepositoryTagAndDigest() {
        ImageReference r = ImageReference.parse("127.0.0.1:5000/org/app:1.0@" + D);
        assertEquals("127.0.0.1:5000", r.registry());
        assertEquals("org/app", r.repository());
        assertEquals(Optional.of("1.0"), r.tag());
        assertEquals(Optional.of(D), r.digest());
        assertEquals(D, r.manifestReference());
        assertEquals("127.0.0.1:5000/org/app:1.0@" + D, r.toString());
    }

    @Test
    void normalizesDockerHubAndDefaultsToLatest() {
        ImageReference r = ImageReference.parse("busybox");
        assertEquals("docker.io", r.registry());
        assertEquals("library/busybox", r.repository());
        assertEquals(Optional.of("latest"), r.tag());
        assertEquals("registry-1.docker.io", r.apiHost());
        assertEquals("org/tool", ImageReference.parse("org/tool:2").repository());
        assertEquals("docker.io", ImageReference.parse("index.docker.io/org/tool").registry());
        assertEquals("localhost", ImageReference.parse("localhost/app").registry());
    }

    @Test
    void portIsNotATag() {
        ImageReference r = ImageReference.parse("registry.local:5000/app");
        assertEquals("registry.local:5000", r.registry());
        assertEquals(Optional.of("latest"), r.tag());
    }

    @Test
    void rejectsInvalidNames() {
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("quay.io/Org/App:1"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("quay.io/org/app@sha256:1234"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("quay.io/org/app:bad tag"));
    }

    @Test
    void rejectsRegistryHostsThatAreNotHostPortAndNamesTheFix() {
        for (String bad : new String[] {"host#", "evil@host", "https://host", "host:port", "-host", "host..com", "ho st", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ImageReference(bad, "org/app", Optional.of("1"), Optional.empty()), bad);
            assertTrue(e.getMessage().contains("host[:port]"), e.getMessage());
            IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                    () -> RegistryClient.create(bad, RegistryClient.Options.insecurePlainHttp()), bad);
            assertTrue(c.getMessage().startsWith("registry \"" + bad + "\""), c.getMessage());
        }
        for (String good : new String[] {"quay.io", "127.0.0.1:5000", "localhost", "my-registry.example.com:443", "[::1]:5000"}) {
            assertEquals(good, new ImageReference(good, "org/app", Optional.of("1"), Optional.empty()).registry());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReference.requireRepository("destination prefix", "Mirror/"));
        assertTrue(e.getMessage().startsWith("destination prefix \"Mirror/\""), e.getMessage());
        assertTrue(e.getMessage().contains("such as org/app"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("quay.io/org//app:1"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("quay.io/org/app-:1"));
    }

    @Test
    void platformsParseAndMatch() {
        Platform arm = Platform.parse("linux/arm64");
        assertEquals(true, arm.matches(Platform.parse("linux/arm64/v8")));
        assertEquals(false, Platform.parse("linux/arm64/v8").matches(arm));
        assertEquals(false, arm.matches(Platform.parse("linux/amd64")));
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux"));
    }
}
