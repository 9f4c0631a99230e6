package io.ocatopic.kmm.internal.build;

import java.util.Map;

/**
 * The Dockerfiles of a local module build (pure text, no I/O).
 *
 * <pre>{@code
 * String compile = BuildDockerfiles.compile("localhost/kbuild:1", "/opt", args.keySet());
 * String image = BuildDockerfiles.finalImage("localhost/kbuild:1", "localhost/busybox:1", "/opt", "6.1.0-54-amd64", "");
 * }</pre>
 */
public final class BuildDockerfiles {
    private BuildDockerfiles() {
    }

    /**
     * The builder stage for a Makefile source: compiles with kbuild against
     * {@code /usr/src/linux-headers-$KERNEL_FULL_VERSION} and leaves the unsigned {@code .ko} files in
     * {@code <dirName>/lib/modules/$KERNEL_FULL_VERSION/}. The {@code COPY} layer is the same for every
     * kernel, so a multi-kernel build reuses it.
     *
     * @param builderImage the image with gcc, make, kmod and headers
     * @param dirName      KMM's {@code dirName}
     * @param argNames     the build argument names to declare
     * @return the Dockerfile text
     */
    public static String compile(String builderImage, String dirName, java.util.Collection<String> argNames) {
        StringBuilder sb = new StringBuilder("FROM ").append(builderImage).append('\n');
        sb.append("COPY src/ /build/\n");
        for (String a : argNames) {
            sb.append("ARG ").append(a).append('\n');
        }
        sb.append("RUN make -C /usr/src/linux-headers-${KERNEL_FULL_VERSION} M=/build modules \\\n")
                .append(" && mkdir -p ").append(dirName).append("/lib/modules/${KERNEL_FULL_VERSION} \\\n")
                .append(" && find /build -name '*.ko' -exec cp {} ").append(dirName)
                .append("/lib/modules/${KERNEL_FULL_VERSION}/ \\;\n");
        return sb.toString();
    }

    /**
     * The final kmod image: a stage on the builder image runs {@code depmod -b <dirName> <kernel>} over the
     * signed modules, and the busybox-style base receives {@code <dirName>/lib/modules/<kernel>/} (and the
     * firmware) from it. The base must provide {@code sh}, {@code mkdir} and {@code cp}, which KMM's worker
     * uses to copy the modules out.
     *
     * @param depmodImage  an image with {@code depmod} (kmod)
     * @param baseImage    the final base image
     * @param dirName      KMM's {@code dirName}
     * @param kernel       the kernel
     * @param firmwarePath the firmware directory in the image, empty when none
     * @return the Dockerfile text; the context holds {@code modules/<kernel>/} and, with firmware, {@code firmware/}
     */
    public static String finalImage(String depmodImage, String baseImage, String dirName, String kernel, String firmwarePath) {
        String mods = dirName + "/lib/modules/" + kernel;
        StringBuilder sb = new StringBuilder();
        sb.append("FROM ").append(depmodImage).append(" AS depmod\n");
        sb.append("COPY modules/").append(kernel).append("/ ").append(mods).append("/\n");
        sb.append("RUN depmod -b ").append(dirName).append(' ').append(kernel).append('\n');
        sb.append("FROM ").append(baseImage).append('\n');
        sb.append("COPY --from=depmod ").append(mods).append("/ ").append(mods).append("/\n");
        if (!firmwarePath.isEmpty()) {
            sb.append("COPY firmware/ ").append(firmwarePath).append("/\n");
        }
        sb.append("LABEL io.ocatopic.kmm.kernel=\"").append(kernel).append("\"\n");
        return sb.toString();
    }

    /**
     * The tag of a kernel's builder-stage image (local to the engine, never pushed).
     *
     * @param module the module name
     * @param normalizedKernel the normalized kernel
     * @return the tag
     */
    public static String stageTag(String module, String normalizedKernel) {
        return "localhost/ocatopic-kmm/" + module + "-build:" + normalizedKernel;
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
