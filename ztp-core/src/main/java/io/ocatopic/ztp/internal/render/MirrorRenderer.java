package io.ocatopic.ztp.internal.render;

import io.ocatopic.ztp.ChassisSpec.Mirror;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSetBuilder;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrors;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorsBuilder;
import io.fabric8.openshift.api.model.installer.v1.ImageDigestSource;
import io.fabric8.openshift.api.model.installer.v1.ImageDigestSourceBuilder;
import io.ocatopic.ztp.ChassisSpec;
import java.util.List;
import java.util.Optional;

/**
 * Renders registry mirrors as an {@code ImageDigestMirrorSet} ({@code config.openshift.io/v1},
 * {@code spec.imageDigestMirrors[{source, mirrors, mirrorSourcePolicy}]}) for running clusters and as
 * install-config {@code imageDigestSources} for installs. Pure.
 *
 * <pre>{@code
 * Optional<ImageDigestMirrorSet> idms = MirrorRenderer.mirrorSet(spec);
 * List<ImageDigestSource> sources = MirrorRenderer.digestSources(spec);
 * }</pre>
 */
public final class MirrorRenderer {
    /** Name of the rendered ImageDigestMirrorSet. */
    public static final String NAME = "ocatopic-mirrors";

    private MirrorRenderer() {
    }

    /**
     * The mirror set.
     *
     * @param spec the chassis
     * @return the set, empty when the spec has no mirrors
     */
    public static Optional<ImageDigestMirrorSet> mirrorSet(ChassisSpec spec) {
        if (spec.mirrors().isEmpty()) {
            return Optional.empty();
        }
        List<ImageDigestMirrors> entries = spec.mirrors().stream().map(m -> new ImageDigestMirrorsBuilder()
                .withSource(m.source()).withMirrors(m.mirrors()).withMirrorSourcePolicy(m.policy().apiName())
                .build()).toList();
        return Optional.of(new ImageDigestMirrorSetBuilder().withNewMetadata().withName(NAME).endMetadata()
                .withNewSpec().withImageDigestMirrors(entries).endSpec().build());
    }

    /**
     * The install-config {@code imageDigestSources}.
     *
     * @param spec the chassis
     * @return one entry per mirror, may be empty
     */
    public static List<ImageDigestSource> digestSources(ChassisSpec spec) {
        return spec.mirrors().stream().map(m -> new ImageDigestSourceBuilder().withSource(m.source())
                .withMirrors(m.mirrors())
                .withSourcePolicy(m.policy() == Mirror.Policy.NEVER_CONTACT_SOURCE ? "NeverContactSource" : null)
                .build()).toList();
    }
}
