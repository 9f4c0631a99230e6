package io.ocatopic.ztp.internal.mirror;

import io.ocatopic.ztp.mirror.RegistryMirror;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.mirror.MirrorResult;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;
import io.ocatopic.ztp.mirror.MirrorResult.MirrorMapping;
import io.ocatopic.ztp.mirror.RegistryMirror.MirrorRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.installer.v1.ImageDigestSource;
import io.ocatopic.kube.internal.KubeYaml;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MirrorMappingTest {
    private static final String D1 = "sha256:" + "11".repeat(32);
    private static final String D2 = "sha256:" + "22".repeat(32);

    private static ImageResult ok(String src, String dst, String digest) {
        return new ImageResult(MirrorRequest.of(src, dst), ImageResult.Status.MIRRORED, Optional.of(digest),
                Optional.of(digest), List.of(), 0, Duration.ZERO, Optional.empty());
    }

    @Test
    void groupsBySourceRepositoryIntoImageDigestMirrorSet() {
        MirrorResult r = new MirrorResult(List.of(
                ok("quay.io/org/app:1", "mirror.local:5000/org/app:1", D1),
                ok("quay.io/org/app:2", "mirror.local:5000/org/app:2", D2),
                ok("registry.redhat.io/ubi9/ubi:9", "mirror.local:5000/ubi9/ubi:9", D1)), 0, 0, 0, Duration.ZERO);
        assertEquals(List.of(new MirrorMapping("quay.io/org/app", "mirror.local:5000/org/app", List.of(D1, D2)),
                new MirrorMapping("registry.redhat.io/ubi9/ubi", "mirror.local:5000/ubi9/ubi", List.of(D1))), r.mappings());

        ImageDigestMirrorSet idms = r.imageDigestMirrorSet("factory", ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE);
        assertEquals("config.openshift.io/v1", idms.getApiVersion());
        assertEquals("ImageDigestMirrorSet", idms.getKind());
        String yaml = KubeYaml.dump(idms);
        assertEquals(true, yaml.contains("mirrorSourcePolicy: \"NeverContactSource\""), yaml);
        assertEquals(2, idms.getSpec().getImageDigestMirrors().size());
        assertEquals("quay.io/org/app", idms.getSpec().getImageDigestMirrors().get(0).getSource());
        assertEquals(List.of("mirror.local:5000/org/app"), idms.getSpec().getImageDigestMirrors().get(0).getMirrors());

        List<ImageDigestSource> sources = MirrorMappings.toImageDigestSources(r.mappings());
        assertEquals("registry.redhat.io/ubi9/ubi", sources.get(1).getSource());
        assertEquals(List.of("mirror.local:5000/ubi9/ubi"), sources.get(1).getMirrors());

        List<ChassisSpec.Mirror> specs = MirrorMappings.toMirrorSpecs(r.mappings(), ChassisSpec.Mirror.Policy.ALLOW_CONTACTING_SOURCE);
        assertEquals(new ChassisSpec.Mirror("quay.io/org/app", List.of("mirror.local:5000/org/app"),
                ChassisSpec.Mirror.Policy.ALLOW_CONTACTING_SOURCE), specs.get(0));
    }

    @Test
    void failedImagesAreNotMapped() {
        ImageResult failed = new ImageResult(MirrorRequest.of("quay.io/org/bad:1", "m.local/org/bad:1"),
                ImageResult.Status.FAILED, Optional.empty(), Optional.empty(), List.of(), 0, Duration.ZERO,
                Optional.of(new io.ocatopic.ztp.ZtpException(io.ocatopic.ztp.ZtpException.Reason.DIGEST_MISMATCH, "x")));
        MirrorResult r = new MirrorResult(List.of(failed, ok("quay.io/org/app:1", "m.local/org/app:1", D1)), 0, 0, 0,
                Duration.ZERO);
        assertEquals(1, r.mappings().size());
        assertEquals(1, r.failed().size());
    }
}
