package io.ocatopic.kmm;

import io.ocatopic.kmm.internal.KernelVersions;
import java.util.List;
import java.util.Optional;

/**
 * One kernel mapping of a {@link ModuleSpec}: a kernel selector ({@code literal} xor {@code regexp}) and
 * the image for the kernels it selects. Empty strings mean "not set", as in KMM's Go types; the record
 * itself accepts any combination so that KMM's admission rules ({@link ModuleSpec#validate()}) can reject it with its field path.
 *
 * <pre>{@code
 * KernelMapping.regexp("^6\\.1\\..*amd64$", "registry.example.com/hello:${KERNEL_FULL_VERSION}")
 * }</pre>
 *
 * @param literal        the exact kernel version, or empty
 * @param regexp         an RE2 expression matched unanchored against the kernel, or empty
 * @param containerImage the image template, or empty for the module's default template
 */
public record KernelMapping(String literal, String regexp, String containerImage) {
    /**
     * Replaces {@code null} with empty strings.
     *
     * @param literal        the exact kernel version, or empty
     * @param regexp         an RE2 expression, or empty
     * @param containerImage the image template, or empty
     */
    public KernelMapping {
        literal = literal == null ? "" : literal;
        regexp = regexp == null ? "" : regexp;
        containerImage = containerImage == null ? "" : containerImage;
    }

    /**
     * A literal mapping.
     *
     * @param kernel the exact kernel version
     * @param image  the image template, or empty for the default
     * @return the mapping
     */
    public static KernelMapping literal(String kernel, String image) {
        return new KernelMapping(kernel, "", image);
    }

    /**
     * A regexp mapping.
     *
     * @param regexp the RE2 expression (unanchored unless it says {@code ^...$})
     * @param image  the image template, or empty for the default
     * @return the mapping
     */
    public static KernelMapping regexp(String regexp, String image) {
        return new KernelMapping("", regexp, image);
    }

    /**
     * Whether this mapping selects the kernel: literal equality, or an unanchored RE2 match.
     *
     * @param kernel the kernel version
     * @return whether it matches
     */
    public boolean matches(String kernel) {
        if (!literal.isEmpty() && literal.equals(kernel)) {
            return true;
        }
        return !regexp.isEmpty() && KernelVersions.matches(regexp, kernel);
    }

    /**
     * KMM's lookup: the first mapping in list order that selects the kernel
     * (kubernetes-sigs/kernel-module-management {@code internal/module/kernelmapper.go}, {@code findKernelMapping}).
     *
     * @param mappings the mappings in order
     * @param kernel   the kernel version
     * @return the index of the first match, empty when none matches
     */
    public static Optional<Integer> firstMatch(List<KernelMapping> mappings, String kernel) {
        for (int i = 0; i < mappings.size(); i++) {
            if (mappings.get(i).matches(kernel)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
