package io.ocatopic.kmm.internal.resources;

import io.ocatopic.kmm.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.ocatopic.kmm.internal.AdmissionRules;
import io.ocatopic.kmm.ModuleBuilder;
import io.ocatopic.kmm.ModuleSpec;
import io.ocatopic.testing.EmbeddedApi;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** In-cluster build rendering: ConfigMap key "dockerfile", Secrets keys "key"/"cert", build and sign sections. */
class InClusterBuildTest {
    @Test
    void rendersConfigMapSecretsAndModuleWithBuildAndSign() {
        ModuleSpec spec = ModuleBuilder.forModule("hello").namespace("kmm")
                .image("reg.example.com/kmm/hello:${KERNEL_FULL_VERSION}").buildArg("EXTRA", "1").spec();
        String dockerfile = InClusterBuild.makefileDockerfile(spec, "reg.example.com/kbuild:bookworm", "reg.example.com/busybox:1");
        byte[] key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
        byte[] cert = {0x30, (byte) 0x82, 1, 2};
        ModuleBuilder.SigningMaterial material = new ModuleBuilder.SigningMaterial(key, cert);
        assertFalse(material.toString().contains("PRIVATE"), "key material never in toString");
        List<HasMetadata> objects = InClusterBuild.render(spec, dockerfile, Optional.of(material));

        assertEquals(List.of("ConfigMap", "Secret", "Secret", "Module"), objects.stream().map(HasMetadata::getKind).toList());
        ConfigMap cm = (ConfigMap) objects.get(0);
        assertEquals(dockerfile, cm.getData().get("dockerfile"));
        assertTrue(dockerfile.contains("depmod -b /opt ${KERNEL_FULL_VERSION}"));
        Secret ks = (Secret) objects.get(1);
        Secret cs = (Secret) objects.get(2);
        assertEquals(List.of("key"), List.copyOf(ks.getData().keySet()));
        assertEquals(List.of("cert"), List.copyOf(cs.getData().keySet()));
        assertEquals(List.of(1, 2), List.of((int) Base64.getDecoder().decode(cs.getData().get("cert"))[2],
                (int) Base64.getDecoder().decode(cs.getData().get("cert"))[3]));

        Module m = (Module) objects.get(3);
        Module.Container c = m.getSpec().moduleLoader().container();
        assertEquals("hello-dockerfile", c.build().dockerfileConfigMap().name());
        assertEquals(List.of(new Module.BuildArg("EXTRA", "1")), c.build().buildArgs());
        assertEquals("hello-signing-key", c.sign().keySecret().name());
        assertEquals("hello-signing-cert", c.sign().certSecret().name());
        assertEquals(List.of("/opt/lib/modules/${KERNEL_FULL_VERSION}/*.ko"), c.sign().filesToSign());
        assertEquals(List.of(), AdmissionRules.validate(m));

        try (EmbeddedApi api = EmbeddedApi.start()) {
            api.applier().applyAll(objects);
            assertEquals(dockerfile, api.client().configMaps().inNamespace("kmm").withName("hello-dockerfile").get()
                    .getData().get("dockerfile"));
            assertEquals(m.getSpec(), api.client().resources(Module.class).inNamespace("kmm").withName("hello").get().getSpec());
        }
    }

    @Test
    void unsignedBuildHasNoSecretsAndNoSign() {
        ModuleSpec spec = ModuleBuilder.forModule("hello").namespace("kmm").image("reg/h:${KERNEL_FULL_VERSION}").spec();
        List<HasMetadata> objects = InClusterBuild.render(spec, "FROM x", Optional.empty());
        assertEquals(List.of("ConfigMap", "Module"), objects.stream().map(HasMetadata::getKind).toList());
        assertEquals(null, ((Module) objects.get(1)).getSpec().moduleLoader().container().sign());
    }
}
