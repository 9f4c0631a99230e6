package io.ocatopic.kube.internal.oci;

import java.util.Objects;
import java.util.Optional;

/**
 * An image platform as listed in an OCI image index or Docker manifest list.
 *
 * <pre>{@code
 * Platform arm = Platform.parse("linux/arm64/v8");
 * }</pre>
 *
 * @param os the operating system, for example {@code linux}
 * @param architecture the CPU architecture, for example {@code amd64}
 * @param variant the CPU variant, for example {@code v8}, if any
 */
public record Platform(String os, String architecture, Optional<String> variant) {
    /**
     * Validates the parts.
     *
     * @param os the operating system
     * @param architecture the architecture
     * @param variant the optional variant
     */
    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(variant, "variant");
        if (os.isBlank() || architecture.isBlank()) {
            throw new IllegalArgumentException("platform needs an os and an architecture");
        }
    }

    /**
     * Parses {@code os/architecture[/variant]}.
     *
     * @param text the platform text
     * @return the platform
     * @throws IllegalArgumentException when malformed
     */
    public static Platform parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("platform must be os/architecture[/variant]: " + text);
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    /**
     * Whether an index entry's platform matches this one (a variant here must be equal there;
     * no variant here matches any variant).
     *
     * @param other the entry's platform
     * @return whether it is selected
     */
    public boolean matches(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant.isEmpty() || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
