package io.ocatopic.kube.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The minimal inputs that {@link ManifestParsingProperties} found, one test each, named after the bug. */
class ManifestParsingRegressionTest {
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aContentTypeOfOnlyParametersIsReadAsNoContentTypeNotAnArrayIndexOutOfBounds() {
        // ";".split(";") is an empty array: [0] threw ArrayIndexOutOfBoundsException
        RegistryException e = assertThrows(RegistryException.class, () -> Manifest.of(";", new byte[0]));
        assertEquals(RegistryException.Kind.PROTOCOL, e.kind());
        Manifest m = Manifest.of(";", utf8("{\"manifests\":[]}"));
        assertEquals(Manifest.OCI_INDEX, m.mediaType());
    }

    @Test
    void filteringAnIndexWithoutManifestsKeepsNoneNotANullPointerException() throws Exception {
        Manifest m = Manifest.of(Manifest.OCI_INDEX, utf8("{}"));
        assertEquals(List.of(), m.filterChildren(Set.of()).children());
    }

    @Test
    void aBlankPlatformOsIsAProtocolErrorNotAnIllegalArgumentException() {
        Manifest m = Manifest.of(Manifest.OCI_INDEX, utf8("{\"manifests\":[{\"digest\":\"sha256:" + "a".repeat(64)
                + "\",\"size\":1,\"platform\":{\"os\":\"\",\"architecture\":\"amd64\"}}]}"));
        RegistryException e = assertThrows(RegistryException.class, m::children);
        assertEquals(RegistryException.Kind.PROTOCOL, e.kind());
    }
}
