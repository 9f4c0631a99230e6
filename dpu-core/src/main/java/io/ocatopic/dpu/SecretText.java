package io.ocatopic.dpu;

import java.util.Objects;

/**
 * Secret text (a kubeconfig) whose {@link #toString()} never shows the content.
 *
 * <pre>{@code
 * SecretText kubeconfig = SecretText.of(Files.readString(path));
 * }</pre>
 *
 * @param value the secret content
 */
public record SecretText(String value) {
    /**
     * Validates the value.
     *
     * @param value see the record description
     */
    public SecretText {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the secret content
     * @return the wrapper
     */
    public static SecretText of(String value) {
        return new SecretText(value);
    }

    @Override
    public String toString() {
        return "SecretText[redacted, " + value.length() + " chars]";
    }
}
