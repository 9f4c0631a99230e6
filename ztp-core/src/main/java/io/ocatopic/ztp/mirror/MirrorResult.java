package io.ocatopic.ztp.mirror;

import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrorSet;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrorSetBuilder;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrors;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import io.ocatopic.ztp.MirrorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a mirror run: one {@link ImageResult} per image, totals, and the source-to-mirror
 * mapping of the images that are at the destination.
 *
 * <pre>{@code
 * MirrorResult r = mirror.mirror(images);
 * if (!r.failed().isEmpty()) { ... }
 * ImageDigestMirrorSet idms = r.imageDigestMirrorSet("factory", MirrorSpec.Policy.NEVER_CONTACT_SOURCE);
 * }</pre>
 *
 * @param images per-image results, in request order
 * @param blobsTransferred blobs whose bytes were sent
 * @param blobsSkipped blobs found present, journaled or mounted
 * @param bytesTransferred blob bytes sent
 * @param elapsed wall time of the run
 */
public record MirrorResult(List<ImageResult> images, int blobsTransferred, int blobsSkipped, long bytesTransferred,
                           Duration elapsed) {
    /**
     * Copies the list.
     *
     * @param images results
     * @param blobsTransferred blobs sent
     * @param blobsSkipped blobs skipped
     * @param bytesTransferred bytes sent
     * @param elapsed wall time
     */
    public MirrorResult {
        images = List.copyOf(images);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return the images that failed */
    public List<ImageResult> failed() {
        return images.stream().filter(i -> !i.ok()).toList();
    }

    /** @return whether every image is at the destination */
    public boolean ok() {
        return failed().isEmpty();
    }

    /**
     * The source-to-mirror mapping of every image at the destination, merged per repository pair.
     *
     * @return the mappings
     */
    public List<MirrorMapping> mappings() {
        List<MirrorMapping> out = new ArrayList<>();
        for (ImageResult i : images) {
            if (i.ok()) {
                List<String> digests = new ArrayList<>();
                i.digest().ifPresent(digests::add);
                i.childDigests().stream().filter(d -> !digests.contains(d)).forEach(digests::add);
                out.add(new MirrorMapping(i.request().source().fullRepository(),
                        i.request().destination().fullRepository(), digests));
            }
        }
        return MirrorMapping.merge(out);
    }

    /**
     * The {@code ImageDigestMirrorSet} for {@link #mappings()}.
     *
     * @param name the object's name
     * @param policy the source policy
     * @return the typed object
     */
    public ImageDigestMirrorSet imageDigestMirrorSet(String name, MirrorSpec.Policy policy) {
        return MirrorMapping.toImageDigestMirrorSet(name, mappings(), policy);
    }

    /**
     * The {@code ImageTagMirrorSet} ({@code config.openshift.io/v1}) for the images mirrored by tag, so that
     * pulls by tag on site resolve to the mirror too.
     *
     * @param name the object's name
     * @param policy the source policy
     * @return the typed object
     */
    public ImageTagMirrorSet imageTagMirrorSet(String name, MirrorSpec.Policy policy) {
        Map<String, Set<String>> bySource = new LinkedHashMap<>();
        for (ImageResult i : images) {
            if (i.ok() && i.request().source().digest().isEmpty() && i.request().destination().tag().isPresent()) {
                bySource.computeIfAbsent(i.request().source().fullRepository(), k -> new LinkedHashSet<>())
                        .add(i.request().destination().fullRepository());
            }
        }
        List<ImageTagMirrors> entries = new ArrayList<>();
        bySource.forEach((source, mirrors) -> {
            ImageTagMirrors e = new ImageTagMirrors();
            e.setSource(source);
            e.setMirrors(new ArrayList<>(mirrors));
            e.setMirrorSourcePolicy(policy.apiName());
            entries.add(e);
        });
        return new ImageTagMirrorSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withImageTagMirrors(entries).endSpec().build();
    }
}
