package io.ocatopic.kmm.build;

import io.ocatopic.kmm.ImageRef;
import java.time.Duration;
import java.util.List;

/**
 * One kernel's pushed module image.
 *
 * @param kernel   the kernel version
 * @param image    the tag reference it was pushed to
 * @param digest   the manifest digest the registry stores ({@code sha256:...})
 * @param modules  the signed module files in the image, relative to {@code <dirName>/lib/modules/<kernel>/}
 * @param duration how long the kernel's build, signing and push took
 */
public record KernelImage(String kernel, ImageRef image, String digest, List<String> modules, Duration duration) {
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

    /** @return the image pinned to its digest ({@code registry/repo@sha256:...}) */
    public ImageRef pinned() {
        return image.withDigest(digest);
    }
}
