package io.ocatopic.kmm.build;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a module build: one pushed image per kernel, by digest.
 *
 * <pre>{@code
 * BuildResult r = builder.build(engine, ProgressEvent.Listener.NONE);
 * Map<String, String> pinned = r.pinnedImages();   // kernel -> registry/repo@sha256:...
 * }</pre>
 *
 * @param images   the images in kernel order
 * @param duration the whole build's duration
 */
public record BuildResult(List<KernelImage> images, Duration duration) {
    /**
     * Copies the list.
     *
     * @param images   the images
     * @param duration the duration
     */
    public BuildResult {
        images = List.copyOf(images);
    }

    /**
     * One kernel's pushed module image.
     *
     * @param kernel   the kernel version
     * @param image    the tag reference it was pushed to ({@code registry/repo:tag})
     * @param digest   the manifest digest the registry stores ({@code sha256:...})
     * @param modules  the signed module files in the image, relative to {@code <dirName>/lib/modules/<kernel>/}
     * @param duration how long the kernel's build, signing and push took
     */
    public record KernelImage(String kernel, String image, String digest, List<String> modules, Duration duration) {
        /**
         * Copies the module list.
         *
         * @param kernel   the kernel
         * @param image    the tag reference
         * @param digest   the digest
         * @param modules  the module files
         * @param duration the time taken
         */
        public KernelImage {
            modules = List.copyOf(modules);
        }

        /**
         * Returns the image reference pinned to its digest.
         *
         * @return the image pinned to its digest ({@code registry/repo@sha256:...}, the tag dropped)
         */
        public String pinned() {
            return io.ocatopic.kube.internal.oci.ImageReference.parse(image).withDigest(digest).toString();
        }
    }

    /**
     * The image of one kernel.
     *
     * @param kernel the kernel
     * @return its image, empty when it was not built
     */
    public Optional<KernelImage> image(String kernel) {
        return images.stream().filter(i -> i.kernel().equals(kernel)).findFirst();
    }

    /**
     * Returns each kernel's digest-pinned image reference, in build order.
     *
     * @return kernel to digest-pinned reference, in build order
     */
    public Map<String, String> pinnedImages() {
        Map<String, String> out = new LinkedHashMap<>();
        for (KernelImage i : images) {
            out.put(i.kernel(), i.pinned());
        }
        return out;
    }
}
