package io.ocatopic.ztp.mirror;

import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrorSet;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrorSetBuilder;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrors;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.KubeNames;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.mirror.MirrorMappings;
import io.ocatopic.ztp.mirror.RegistryMirror.MirrorRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of a mirror run: one {@link ImageResult} per image, totals, and the source-to-mirror
 * mapping of the images that are at the destination.
 *
 * <p>Only a {@linkplain #complete() complete} run (at least one image, none failed) gives an
 * {@code ImageDigestMirrorSet} or {@code ImageTagMirrorSet}: applied to a cluster, a mirror set of a failed
 * run would send pulls to a mirror that lacks the images (or, empty, say nothing), so
 * {@link #imageDigestMirrorSet} and {@link #imageTagMirrorSet} refuse an incomplete run. Check
 * {@link #complete()} before writing one, and leave an earlier file alone when it is false.
 *
 * <pre>{@code
 * MirrorResult r = mirror.mirror(images);
 * if (r.complete()) {
 *     ImageDigestMirrorSet idms = r.imageDigestMirrorSet("factory", ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE);
 * } else {
 *     r.failed().forEach(System.err::println);
 * }
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

    /**
     * What happened to one image of a mirror run.
     *
     * <pre>{@code
     * for (MirrorResult.ImageResult r : result.images()) {
     *     System.out.println(r.request() + " " + r.status() + " " + r.digest().orElse("-"));
     * }
     * }</pre>
     *
     * @param request the image asked for
     * @param status the outcome
     * @param sourceDigest the source's top-level digest, if it was resolved
     * @param digest the destination's top-level digest (differs from the source's only when an index
     *     was reduced to some platforms), if the image is there
     * @param childDigests the per-platform manifests copied for an index (empty otherwise)
     * @param bytesSent blob bytes sent for this image (shared blobs count for the image that sent them)
     * @param elapsed wall time spent on it
     * @param error why it failed, for {@link Status#FAILED}
     */
    public record ImageResult(MirrorRequest request, Status status, Optional<String> sourceDigest,
                              Optional<String> digest, List<String> childDigests, long bytesSent, Duration elapsed,
                              Optional<ZtpException> error) {
        /** Outcome of one image. */
        public enum Status {
            /** Copied (some or all of its content was sent or mounted, the tag set). */
            MIRRORED,
            /** The destination already had it under the requested reference; nothing was sent. */
            UNCHANGED,
            /** It failed; the destination tag was not touched. */
            FAILED
        }

        /**
         * Validates and copies.
         *
         * @param request the request
         * @param status the status
         * @param sourceDigest the source digest
         * @param digest the destination digest
         * @param childDigests the child digests
         * @param bytesSent bytes sent
         * @param elapsed time spent
         * @param error the failure
         */
        public ImageResult {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(sourceDigest, "sourceDigest");
            Objects.requireNonNull(digest, "digest");
            childDigests = List.copyOf(childDigests);
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(error, "error");
            if ((status == Status.FAILED) != error.isPresent()) {
                throw new IllegalArgumentException("an error goes with FAILED, and only with it");
            }
        }

        /**
         * Returns whether the image is at the destination after the run.
         *
         * @return whether the image is at the destination after the run
         */
        public boolean ok() {
            return status != Status.FAILED;
        }
    }

    /**
     * Where the content of a source repository is mirrored, and which digests were copied: what
     * {@code ImageDigestMirrorSet} and install-config {@code imageDigestSources} are made from.
     *
     * <pre>{@code
     * new MirrorMapping("quay.io/org/app", "mirror.local:5000/org/app", List.of(digest));
     * }</pre>
     *
     * @param source the source repository ({@code registry/repository})
     * @param mirror the mirror repository ({@code registry/repository})
     * @param digests the manifest digests copied (top level and per platform)
     */
    public record MirrorMapping(String source, String mirror, List<String> digests) {
        /**
         * Validates and copies.
         *
         * @param source the source
         * @param mirror the mirror
         * @param digests the digests
         */
        public MirrorMapping {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(mirror, "mirror");
            digests = List.copyOf(digests);
        }
    }

    /**
     * Returns the images that failed.
     *
     * @return the images that failed
     */
    public List<ImageResult> failed() {
        return images.stream().filter(i -> !i.ok()).toList();
    }

    /**
     * Returns whether every image is at the destination.
     *
     * @return whether every image is at the destination
     */
    public boolean ok() {
        return failed().isEmpty();
    }

    /**
     * Returns whether the run mirrored something and nothing failed: then, and only then, its mirror sets
     * describe a mirror that has every image they name.
     *
     * @return whether at least one image was asked for and every image is at the destination
     */
    public boolean complete() {
        return !images.isEmpty() && ok();
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
                out.add(new MirrorMapping(source(i).fullRepository(), destination(i).fullRepository(), digests));
            }
        }
        return MirrorMappings.merge(out);
    }

    /**
     * The mirrors of {@link #mappings()} as a chassis spec lists them.
     *
     * @param policy whether clusters may still contact the sources
     * @return one entry per source repository
     */
    public List<ChassisSpec.Mirror> mirrors(ChassisSpec.Mirror.Policy policy) {
        return MirrorMappings.toMirrorSpecs(mappings(), policy);
    }

    /**
     * The {@code ImageDigestMirrorSet} for {@link #mappings()}, of a {@linkplain #complete() complete} run only.
     *
     * @param name the object's name, a DNS-1123 subdomain
     * @param policy the source policy
     * @return the typed object
     * @throws ZtpException with {@link ZtpException.Reason#STEP_FAILED} when the run is not complete (an image
     *     failed, or none was asked for), {@link ZtpException.Reason#INVALID_SPEC} when the name is not a
     *     DNS-1123 subdomain
     */
    public ImageDigestMirrorSet imageDigestMirrorSet(String name, ChassisSpec.Mirror.Policy policy) {
        requireComplete("ImageDigestMirrorSet", name);
        return MirrorMappings.toImageDigestMirrorSet(name, mappings(), policy);
    }

    /**
     * The {@code ImageTagMirrorSet} ({@code config.openshift.io/v1}) for the images mirrored by tag, so that
     * pulls by tag on site resolve to the mirror too.
     *
     * @param name the object's name, a DNS-1123 subdomain
     * @param policy the source policy
     * @return the typed object
     * @throws ZtpException with {@link ZtpException.Reason#STEP_FAILED} when the run is not complete,
     *     {@link ZtpException.Reason#INVALID_SPEC} when the name is not a DNS-1123 subdomain
     */
    public ImageTagMirrorSet imageTagMirrorSet(String name, ChassisSpec.Mirror.Policy policy) {
        requireComplete("ImageTagMirrorSet", name);
        Map<String, Set<String>> bySource = new LinkedHashMap<>();
        for (ImageResult i : images) {
            if (i.ok() && source(i).digest().isEmpty() && destination(i).tag().isPresent()) {
                bySource.computeIfAbsent(source(i).fullRepository(), k -> new LinkedHashSet<>())
                        .add(destination(i).fullRepository());
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

    /**
     * Checks a mirror set's name: a DNS-1123 subdomain, as every cluster-scoped object's name.
     *
     * @param kind the object kind, for the message
     * @param name the name
     * @throws ZtpException with {@link ZtpException.Reason#INVALID_SPEC} naming the field and the rule
     */
    static void requireMirrorSetName(String kind, String name) {
        Objects.requireNonNull(name, "name");
        if (!KubeNames.isSubdomain(name)) {
            String why = "\"" + name + "\" is not a DNS-1123 subdomain: use at most 253 lower-case letters, digits, '-'"
                    + " and '.', starting and ending with a letter or digit, such as ocatopic-mirror";
            throw ZtpException.invalid(List.of(new Problem(kind + " metadata.name", why)));
        }
    }

    private void requireComplete(String kind, String name) {
        requireMirrorSetName(kind, name);
        if (!complete()) {
            List<ImageResult> failed = failed();
            throw new ZtpException(ZtpException.Reason.STEP_FAILED, images.isEmpty()
                    ? "no " + kind + " from a run that mirrored no image"
                    : "no " + kind + " from a failed run: " + failed.size() + " of " + images.size()
                            + " images failed (first: " + failed.get(0).request() + ": "
                            + failed.get(0).error().map(Throwable::getMessage).orElse("") + ")");
        }
    }

    private static ImageReference source(ImageResult i) {
        return io.ocatopic.ztp.internal.mirror.MirrorEngine.source(i.request().source());
    }

    private static ImageReference destination(ImageResult i) {
        return io.ocatopic.ztp.internal.mirror.MirrorEngine.destination(i.request().destination());
    }
}
