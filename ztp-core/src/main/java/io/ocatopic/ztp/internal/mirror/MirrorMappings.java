package io.ocatopic.ztp.internal.mirror;

import io.ocatopic.ztp.mirror.MirrorResult;

import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSetBuilder;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrors;
import io.fabric8.openshift.api.model.installer.v1.ImageDigestSource;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.mirror.MirrorResult.MirrorMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The helpers over {@link MirrorMapping}s: merging, and the install configuration they become. */
public final class MirrorMappings {
    private MirrorMappings() {
    }


    /**
     * Groups mappings by source repository, merging mirrors and digests (order kept).
     *
     * @param mappings the mappings
     * @return one mapping per (source, mirror) pair
     */
    public static List<MirrorMapping> merge(Collection<MirrorMapping> mappings) {
        Map<String, Set<String>> digests = new LinkedHashMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (MirrorMapping m : mappings) {
            String key = m.source() + " " + m.mirror();
            keys.putIfAbsent(key, new String[] {m.source(), m.mirror()});
            digests.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(m.digests());
        }
        List<MirrorMapping> out = new ArrayList<>();
        keys.forEach((k, v) -> out.add(new MirrorMapping(v[0], v[1], new ArrayList<>(digests.get(k)))));
        return out;
    }

    /**
     * The mirrors as {@link ChassisSpec.Mirror}s, as {@code ChassisSpec} holds them.
     *
     * @param mappings the mappings
     * @param policy whether clusters may still contact the sources
     * @return one spec per source repository, mirrors in first-seen order
     */
    public static List<ChassisSpec.Mirror> toMirrorSpecs(Collection<MirrorMapping> mappings, ChassisSpec.Mirror.Policy policy) {
        Map<String, Set<String>> bySource = new LinkedHashMap<>();
        for (MirrorMapping m : mappings) {
            bySource.computeIfAbsent(m.source(), k -> new LinkedHashSet<>()).add(m.mirror());
        }
        List<ChassisSpec.Mirror> out = new ArrayList<>();
        bySource.forEach((source, mirrors) -> out.add(new ChassisSpec.Mirror(source, new ArrayList<>(mirrors), policy)));
        return out;
    }

    /**
     * An {@code ImageDigestMirrorSet} ({@code config.openshift.io/v1}, cluster-scoped) for the mappings.
     *
     * @param name the object's name
     * @param mappings the mappings
     * @param policy the {@code mirrorSourcePolicy}
     * @return the typed object
     */
    public static ImageDigestMirrorSet toImageDigestMirrorSet(String name, Collection<MirrorMapping> mappings,
                                                              ChassisSpec.Mirror.Policy policy) {
        List<ImageDigestMirrors> entries = new ArrayList<>();
        for (ChassisSpec.Mirror s : toMirrorSpecs(mappings, policy)) {
            ImageDigestMirrors e = new ImageDigestMirrors();
            e.setSource(s.source());
            e.setMirrors(new ArrayList<>(s.mirrors()));
            e.setMirrorSourcePolicy(s.policy().apiName());
            entries.add(e);
        }
        return new ImageDigestMirrorSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withImageDigestMirrors(entries).endSpec()
                .build();
    }

    /**
     * The install-config {@code imageDigestSources} for the mappings.
     *
     * @param mappings the mappings
     * @return one entry per source repository (no {@code sourcePolicy}: the installer defaults it)
     */
    public static List<ImageDigestSource> toImageDigestSources(Collection<MirrorMapping> mappings) {
        List<ImageDigestSource> out = new ArrayList<>();
        for (ChassisSpec.Mirror s : toMirrorSpecs(mappings, ChassisSpec.Mirror.Policy.ALLOW_CONTACTING_SOURCE)) {
            ImageDigestSource d = new ImageDigestSource();
            d.setSource(s.source());
            d.setMirrors(new ArrayList<>(s.mirrors()));
            out.add(d);
        }
        return out;
    }
}
