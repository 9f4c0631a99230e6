package io.ocatopic.kmm.sign;

import java.util.Arrays;

/**
 * A passphrase or token PIN. Its {@link #toString()} is redacted so that it never reaches a log or
 * an exception message.
 *
 * <pre>{@code
 * Passphrase pin = Passphrase.of(System.getenv("KBUILD_SIGN_PIN").toCharArray());
 * }</pre>
 */
public final class Passphrase {
    private final char[] chars;

    private Passphrase(char[] chars) {
        this.chars = chars.clone();
    }

    /**
     * Wraps a passphrase; the array is copied, the caller may wipe its own.
     *
     * @param chars the passphrase characters
     * @return the wrapped passphrase
     */
    public static Passphrase of(char[] chars) {
        return new Passphrase(chars);
    }

    /**
     * Wraps a passphrase given as a string (for example read from an environment variable).
     *
     * @param value the passphrase
     * @return the wrapped passphrase
     */
    public static Passphrase of(String value) {
        return new Passphrase(value.toCharArray());
    }

    /** @return a copy of the characters; wipe it after use */
    public char[] chars() {
        return chars.clone();
    }

    /** @return {@code "Passphrase[redacted]"}, never the value */
    @Override
    public String toString() {
        return "Passphrase[redacted]";
    }

    /** @return whether the passphrase is empty */
    public boolean isEmpty() {
        return chars.length == 0;
    }

    /** Overwrites the stored characters; the object must not be used afterwards. */
    public void wipe() {
        Arrays.fill(chars, '\0');
    }
}
