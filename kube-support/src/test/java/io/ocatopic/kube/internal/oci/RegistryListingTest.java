package io.ocatopic.kube.internal.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The pagination links of {@code /v2/_catalog} and {@code tags/list} (distribution's {@code Link} header). */
class RegistryListingTest {
    @Test
    void followsOnlyRelativeOrSameApiNextLinks() {
        assertEquals("/v2/_catalog?last=b&n=2", RegistryClient.nextLink("</v2/_catalog?last=b&n=2>; rel=\"next\""));
        assertEquals("/v2/org/app/tags/list?last=1&n=1000",
                RegistryClient.nextLink("<https://reg.example:5000/v2/org/app/tags/list?last=1&n=1000>; rel=\"next\""));
        assertNull(RegistryClient.nextLink("</elsewhere?x=1>; rel=\"next\""));
        assertNull(RegistryClient.nextLink("</v2/_catalog?last=b>; rel=\"prev\""));
        assertNull(RegistryClient.nextLink("garbage"));
    }
}
