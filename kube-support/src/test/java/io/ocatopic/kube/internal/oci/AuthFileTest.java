package io.ocatopic.kube.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthFileTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mostSpecificEntryWinsAndDockerHubKeyIsNormalized() throws IOException {
        AuthFile f = AuthFile.parse("{\"auths\":{"
                + "\"quay.io\":{\"auth\":\"" + b64("robot:registry-wide") + "\"},"
                + "\"quay.io/org\":{\"auth\":\"" + b64("robot:org-only") + "\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:pass:with:colons") + "\"},"
                + "\"registry.local:5000\":{\"username\":\"u\",\"password\":\"p\"}}}");
        assertEquals("org-only", f.lookup(ImageReference.parse("quay.io/org/app:1")).orElseThrow().password());
        assertEquals("registry-wide", f.lookup(ImageReference.parse("quay.io/other/app:1")).orElseThrow().password());
        RegistryCredentials hub = f.lookup(ImageReference.parse("busybox")).orElseThrow();
        assertEquals("hub", hub.username());
        assertEquals("pass:with:colons", hub.password());
        assertEquals(Optional.of(RegistryCredentials.of("u", "p")), f.lookup("registry.local:5000"));
        assertTrue(f.lookup(ImageReference.parse("ghcr.io/x/y")).isEmpty());
    }

    @Test
    void secretsNeverPrinted() throws IOException {
        AuthFile f = AuthFile.parse("{\"auths\":{\"quay.io\":{\"auth\":\"" + b64("robot:TOPSECRET") + "\"}}}");
        assertFalse(f.toString().contains("TOPSECRET"));
        assertFalse(f.lookup("quay.io").orElseThrow().toString().contains("TOPSECRET"));
        IOException e = assertThrows(IOException.class, () -> AuthFile.parse("{\"auths\": TOPSECRET"));
        assertFalse(e.getMessage().contains("TOPSECRET"));
    }
}
