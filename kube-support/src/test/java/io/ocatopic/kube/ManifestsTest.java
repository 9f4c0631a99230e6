package io.ocatopic.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.ocatopic.kube.internal.KubeYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsTest {
    private static final ConfigMap CM = new ConfigMapBuilder().withNewMetadata().withName("mig").withNamespace("gpu")
            .endMetadata().addToData("config.yaml", "version: v1\n").build();

    @Test
    void yamlIsOneDocumentThatParsesBackToTheSameObject() {
        String yaml = Manifests.yaml(CM);
        assertTrue(yaml.startsWith("---\n"), yaml);
        assertEquals(CM, KubeYaml.load(yaml, ConfigMap.class));
    }

    @Test
    void severalObjectsAreSeveralDocumentsInOrder() {
        List<HasMetadata> objects = List.of(new NamespaceBuilder().withNewMetadata().withName("gpu").endMetadata().build(), CM);
        String yaml = Manifests.yaml(objects);
        assertEquals(2, yaml.split("(?m)^---$").length - 1, yaml);
        assertTrue(yaml.indexOf("Namespace") < yaml.indexOf("ConfigMap"), yaml);
    }

    @Test
    void jsonIsOneLine() {
        String json = Manifests.json(CM);
        assertFalse(json.contains("\n"), json);
        assertEquals(CM, KubeYaml.load(json, ConfigMap.class));
    }
}
