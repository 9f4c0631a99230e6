package io.ocatopic.ztp.internal.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.core.Problem;
import io.ocatopic.ztp.ZtpException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** oc-mirror v2 ImageSetConfiguration parsing: what is read, what is refused and where. */
class ImageSetsTest {
    private static final String HEAD = "apiVersion: mirror.openshift.io/v2alpha1\nkind: ImageSetConfiguration\n";

    @Test
    void readsAdditionalImagesReleaseAndOperators() {
        ImageSets.Config c = ImageSets.parse(HEAD + """
                mirror:
                  platform:
                    release: quay.io/openshift-release-dev/ocp-release:4.16.0-x86_64
                  operators:
                    - catalog: registry.redhat.io/redhat/redhat-operator-index:v4.16
                      packages:
                        - name: sriov-network-operator
                          channels:
                            - name: stable
                        - name: gpu-operator-certified
                  additionalImages:
                    - name: quay.io/org/app:1.0
                """);
        assertEquals(List.of("quay.io/org/app:1.0"), c.additionalImages());
        assertEquals(Optional.of("quay.io/openshift-release-dev/ocp-release:4.16.0-x86_64"), c.release());
        assertEquals(1, c.operators().size());
        assertEquals(List.of(new ImageSets.Package("sriov-network-operator", List.of("stable")),
                new ImageSets.Package("gpu-operator-certified", List.of())), c.operators().get(0).packages());
    }

    @Test
    void unknownAndNotSupportedFieldsAreRefusedWithTheirPaths() {
        ZtpException e = assertThrows(ZtpException.class, () -> ImageSets.parse(HEAD + """
                archiveSize: 4
                mirror:
                  platform:
                    channels:
                      - name: stable-4.16
                  helm: {}
                  operators:
                    - catalog: registry.redhat.io/redhat/redhat-operator-index:v4.16
                      packages:
                        - name: a
                          minVersion: 1.0.0
                          colour: blue
                  additionalImages:
                    - name: "not a reference"
                """));
        assertEquals(ZtpException.Reason.INVALID_SPEC, e.reason());
        List<String> paths = e.problems().stream().map(Problem::path).toList();
        assertTrue(paths.containsAll(List.of("archiveSize", "mirror.platform.channels", "mirror.helm",
                "mirror.operators[0].packages[0].minVersion", "mirror.operators[0].packages[0].colour",
                "mirror.additionalImages[0].name", "mirror.platform.release")), paths.toString());
        Problem channels = e.problems().stream().filter(p -> p.path().equals("mirror.platform.channels")).findFirst().orElseThrow();
        assertTrue(channels.message().startsWith("not supported by ocatopic"), channels.message());
        Problem colour = e.problems().stream().filter(p -> p.path().endsWith("colour")).findFirst().orElseThrow();
        assertEquals("unknown field", colour.message());
    }

    @Test
    void wrongApiVersionAndAWholeCatalogAreRefused() {
        ZtpException e = assertThrows(ZtpException.class, () -> ImageSets.parse("""
                apiVersion: mirror.openshift.io/v1alpha2
                kind: ImageSetConfiguration
                mirror:
                  operators:
                    - catalog: registry.redhat.io/redhat/redhat-operator-index:v4.16
                """));
        List<String> paths = e.problems().stream().map(Problem::path).toList();
        assertEquals(List.of("apiVersion", "mirror.operators[0].packages"), paths);
        assertThrows(ZtpException.class, () -> ImageSets.parse("mirror: [\n"));
        ZtpException dup = assertThrows(ZtpException.class, () -> ImageSets.parse(HEAD + "mirror: {}\nmirror: {}\n"));
        assertEquals(ZtpException.Reason.MALFORMED_INPUT, dup.reason());
    }

    @Test
    void catalogFilesMayHoldManyJsonOrYamlDocuments() {
        String json = "{\"schema\":\"olm.package\",\"name\":\"a\"}\n{\"schema\":\"olm.bundle\",\"name\":\"a.v1\",\"package\":\"a\"}";
        assertEquals(2, ImageSets.documents("cat", "configs/a/catalog.json", json.getBytes(StandardCharsets.UTF_8)).size());
        String yaml = "schema: olm.package\nname: b\n---\nschema: olm.bundle\nname: b.v1\npackage: b\n";
        assertEquals(2, ImageSets.documents("cat", "configs/b/catalog.yaml", yaml.getBytes(StandardCharsets.UTF_8)).size());
        ZtpException bad = assertThrows(ZtpException.class, () ->
                ImageSets.documents("cat", "configs/c/catalog.json", "{\"a\":".getBytes(StandardCharsets.UTF_8)));
        assertTrue(bad.getMessage().contains("/configs/c/catalog.json"), bad.getMessage());
    }
}
