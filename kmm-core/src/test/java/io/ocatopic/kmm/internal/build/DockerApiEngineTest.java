package io.ocatopic.kmm.internal.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kmm.KmmException;
import org.junit.jupiter.api.Test;

class DockerApiEngineTest {
    @Test
    void badDockerHostIsAnInvalidInputNamingTheSetting() {
        KmmException e = assertThrows(KmmException.class, () -> DockerApiEngine.connect("ftp://example.invalid"));
        assertEquals(KmmException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("dockerHost"), e.getMessage());
        assertTrue(e.getMessage().contains("ftp://example.invalid"), e.getMessage());
    }

    @Test
    void missingDockerHostIsAnInvalidInput() {
        KmmException e = assertThrows(KmmException.class, () -> DockerApiEngine.connect(""));
        assertEquals(KmmException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("dockerHost"), e.getMessage());
    }
}
