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
 * BuildResult r = builder.build(engine, listener);
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
     * The image of one kernel.
     *
     * @param kernel the kernel
     * @return its image, empty when it was not built
     */
    public Optional<KernelImage> image(String kernel) {
        return images.stream().filter(i -> i.kernel().equals(kernel)).findFirst();
    }

    /** @return kernel to digest-pinned reference, in build order */
    public Map<String, String> pinnedImages() {
        Map<String, String> out = new LinkedHashMap<>();
        for (KernelImage i : images) {
            out.put(i.kernel(), i.pinned().toString());
        }
        return out;
    }
}
