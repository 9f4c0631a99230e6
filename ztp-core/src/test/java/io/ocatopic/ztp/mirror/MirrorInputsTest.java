package io.ocatopic.ztp.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;
import io.ocatopic.ztp.mirror.RegistryMirror.MirrorRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the mirror refuses before it sends anything (malformed hosts, repositories and mirror set names) and
 * what a failed run does not give (a mirror set).
 */
class MirrorInputsTest {
    private static final String D1 = "sha256:" + "11".repeat(32);
    private static final ChassisSpec.Mirror.Policy NEVER = ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE;

    private static ImageResult mirrored(String src, String dst) {
        return new ImageResult(MirrorRequest.of(src, dst), ImageResult.Status.MIRRORED, Optional.of(D1),
                Optional.of(D1), List.of(), 0, Duration.ZERO, Optional.empty());
    }

    private static ImageResult failed(String src, String dst) {
        return new ImageResult(MirrorRequest.of(src, dst), ImageResult.Status.FAILED, Optional.empty(),
                Optional.empty(), List.of(), 0, Duration.ZERO,
                Optional.of(new ZtpException(ZtpException.Reason.REGISTRY_UNAUTHORIZED, "HTTP 401 (credentials refused)")));
    }

    @Test
    void failedRunGivesNoImageDigestMirrorSet() {
        MirrorResult r = new MirrorResult(List.of(mirrored("quay.io/org/app:1", "m.local:5000/org/app:1"),
                failed("quay.io/org/bad:1", "m.local:5000/org/bad:1")), 0, 0, 0, Duration.ZERO);
        assertFalse(r.complete());
        ZtpException e = assertThrows(ZtpException.class, () -> r.imageDigestMirrorSet("factory", NEVER));
        assertEquals(ZtpException.Reason.STEP_FAILED, e.reason());
        assertTrue(e.getMessage().contains("1 of 2 images failed"), e.getMessage());
        assertThrows(ZtpException.class, () -> r.imageTagMirrorSet("factory", NEVER));

        MirrorResult allFailed = new MirrorResult(List.of(failed("quay.io/org/bad:1", "m.local:5000/org/bad:1")),
                0, 0, 0, Duration.ZERO);
        assertThrows(ZtpException.class, () -> allFailed.imageDigestMirrorSet("factory", NEVER));
        MirrorResult nothing = new MirrorResult(List.of(), 0, 0, 0, Duration.ZERO);
        assertFalse(nothing.complete());
        assertThrows(ZtpException.class, () -> nothing.imageDigestMirrorSet("factory", NEVER));

        MirrorResult good = new MirrorResult(List.of(mirrored("quay.io/org/app:1", "m.local:5000/org/app:1")),
                0, 0, 0, Duration.ZERO);
        assertTrue(good.complete());
        assertEquals(1, good.imageDigestMirrorSet("factory", NEVER).getSpec().getImageDigestMirrors().size());
    }

    @Test
    void invalidMirrorSetNameIsRefusedWithTheRule() {
        MirrorResult good = new MirrorResult(List.of(mirrored("quay.io/org/app:1", "m.local:5000/org/app:1")),
                0, 0, 0, Duration.ZERO);
        for (String bad : new String[] {"Factory_Mirror", "-x", "a b", "x".repeat(254), ""}) {
            ZtpException e = assertThrows(ZtpException.class, () -> good.imageDigestMirrorSet(bad, NEVER), bad);
            assertEquals(ZtpException.Reason.INVALID_SPEC, e.reason());
            assertTrue(e.getMessage().contains("metadata.name") && e.getMessage().contains("DNS-1123 subdomain"),
                    e.getMessage());
            assertThrows(ZtpException.class, () -> good.imageTagMirrorSet(bad, NEVER), bad);
        }
    }

    @Test
    void destinationThatIsNotHostPortIsRefusedWithTheField() {
        for (String bad : new String[] {"host#", "evil@host", "https://mirror.local", "mirror.local/org"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RegistryMirror.builder().destination(bad, RegistryOptions.tls()), bad);
            assertTrue(e.getMessage().startsWith("destination registry \"" + bad + "\""), e.getMessage());
            assertTrue(e.getMessage().contains("host[:port]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> RegistryMirror.builder().registry(bad, RegistryOptions.tls()));
        }
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> RegistryMirror.builder().destinationPrefix("Mirror Images"));
        assertTrue(p.getMessage().startsWith("destination prefix"), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MirrorRequest.of("quay.io/org/app:1", "evil@host/org/app:1"));
        assertThrows(IllegalArgumentException.class, () -> MirrorRequest.of("quay.io/org/app:1", "host#/org/app:1"));
        assertEquals("m.local:5000/mirror/org/app:1", RegistryMirror.builder().destination("m.local:5000", RegistryOptions.tls())
                .destinationPrefix("mirror").build().requestFor("quay.io/org/app:1").destination());
    }

    @Test
    void timeoutsAreKeptByTheOtherWithers() {
        RegistryOptions o = RegistryOptions.tls().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withCredentials("u", io.ocatopic.kube.Secret.of("pw-secret"));
        assertEquals(Duration.ofSeconds(2), o.idleTimeout());
        assertEquals(RegistryOptions.DEFAULT_IDLE_TIMEOUT, RegistryOptions.tls().idleTimeout());
        assertFalse(o.toString().contains("pw-secret"), o.toString());
        assertThrows(IllegalArgumentException.class, () -> RegistryOptions.tls().withTimeouts(Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }
}
