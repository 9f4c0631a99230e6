package io.ocatopic.ztp.mirror;

import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
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
}
