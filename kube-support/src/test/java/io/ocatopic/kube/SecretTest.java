package io.ocatopic.kube;

import io.ocatopic.core.OcatopicException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {
    @Test
    void toStringShowsNeitherTheValueNorItsLength() {
        Secret s = Secret.of("hunter2-long-password");
        assertEquals("Secret[value=***]", s.toString());
        assertEquals(Secret.of("x").toString(), s.toString(), "the length must not show");
        assertEquals("Secret[env=BMC_PW]", Secret.fromEnv("BMC_PW").toString());
        assertEquals("Secret[secret=bmc/password]", Secret.fromSecret("bmc", "password").toString());
    }

    @Test
    void charsAreACopyAndWipeClearsTheValue() {
        char[] given = "s3cret".toCharArray();
        Secret s = Secret.of(given);
        given[0] = 'X';
        assertEquals("s3cret", s.reveal(), "the secret keeps its own copy");
        char[] copy = s.chars();
        copy[0] = 'Y';
        assertEquals("s3cret", s.reveal());
        s.wipe();
        assertTrue(s.isEmpty());
        assertEquals("", s.reveal());
        assertArrayEquals(new char[0], s.chars());
    }

    @Test
    void anUnsetVariableIsBadInputNamingTheVariable() {
        String var = "OCATOPIC_TEST_UNSET_" + System.nanoTime();
        KubeException e = assertThrows(KubeException.class, () -> Secret.fromEnv(var).reveal());
        assertEquals(KubeException.Reason.SECRET_UNRESOLVED, e.reason());
        assertEquals(OcatopicException.Outcome.BAD_INPUT, e.outcome());
        assertTrue(e.getMessage().contains(var), e.getMessage());
    }

    @Test
    void aFileIsReadWhenResolvedAndAClusterSecretIsNot(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pw");
        Secret s = Secret.fromFile(f);
        assertThrows(KubeException.class, s::reveal, "the file does not exist yet");
        Files.writeString(f, "from-file\n");
        assertEquals("from-file", s.reveal());
        assertEquals(Optional.of(f.toString()), s.reference());
        Secret ref = Secret.fromSecret("bmc", "password");
        assertEquals(Optional.empty(), ref.resolve());
        KubeException e = assertThrows(KubeException.class, ref::reveal);
        assertFalse(e.getMessage().contains("from-file"));
    }

    @Test
    void equalityIsByKindAndContent() {
        assertEquals(Secret.of("a"), Secret.of("a".toCharArray()));
        assertNotEquals(Secret.of("a"), Secret.of("b"));
        assertNotEquals(Secret.of("BMC"), Secret.fromEnv("BMC"));
        assertEquals(Secret.fromEnv("BMC"), Secret.fromEnv("BMC"));
    }
}
