package io.ocatopic.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret (a BMC password, a key passphrase, a token, a pull secret): its value, or where to find it (an
 * environment variable, a file, a Kubernetes Secret on the cluster). It is the one secret type of ocatopic:
 * {@code toString()} never shows the value or its length, the value is held as characters that
 * {@link #wipe()} overwrites, and a value read from the environment or a file is read only when asked.
 *
 * <pre>{@code
 * Secret bmc = Secret.fromEnv("BMC_PASSWORD");   // nothing is read yet
 * System.out.println(bmc);                       // Secret[env=BMC_PASSWORD]
 * char[] pw = bmc.chars();                       // read now; the caller wipes its copy
 * }</pre>
 */
public final class Secret {
    /** Where the value comes from. */
    public enum Kind {
        /** The value itself. */
        VALUE,
        /** An environment variable, read when resolved. */
        ENV,
        /** A file, read when resolved (trailing whitespace dropped). */
        FILE,
        /** A key of a Kubernetes Secret, {@code name/key}: resolved on the cluster, not here. */
        SECRET_REF
    }

    private final Kind kind;
    private final String reference;
    private char[] value;

    private Secret(Kind kind, String reference, char[] value) {
        this.kind = kind;
        this.reference = reference;
        this.value = value;
    }

    /**
     * Creates a secret holding a copy of a value.
     *
     * @param value the secret itself
     * @return a secret holding a copy of it
     */
    public static Secret of(String value) {
        return new Secret(Kind.VALUE, "", Objects.requireNonNull(value, "value").toCharArray());
    }

    /**
     * Creates a secret holding a copy of a value given as characters.
     *
     * @param value the secret itself; copied, so the caller may wipe its array
     * @return a secret holding a copy of it
     */
    public static Secret of(char[] value) {
        return new Secret(Kind.VALUE, "", Objects.requireNonNull(value, "value").clone());
    }

    /**
     * Creates a secret read from an environment variable when it is resolved.
     *
     * @param variable an environment variable name
     * @return a secret read from it when resolved
     */
    public static Secret fromEnv(String variable) {
        return new Secret(Kind.ENV, Objects.requireNonNull(variable, "variable"), null);
    }

    /**
     * Creates a secret read from a file when it is resolved.
     *
     * @param file a file holding the secret
     * @return a secret read from it when resolved
     */
    public static Secret fromFile(Path file) {
        return new Secret(Kind.FILE, Objects.requireNonNull(file, "file").toString(), null);
    }

    /**
     * Creates a reference to a key of a Kubernetes Secret, resolved on the cluster.
     *
     * @param secretName a Kubernetes Secret's name
     * @param key the key inside it
     * @return a reference resolved on the cluster
     */
    public static Secret fromSecret(String secretName, String key) {
        return new Secret(Kind.SECRET_REF, secretName + "/" + key, null);
    }

    /**
     * Returns where the value comes from.
     *
     * @return where the value comes from
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the secret's reference: the variable, the file or {@code name/key}.
     *
     * @return the variable, file or {@code name/key}, or empty for a {@link Kind#VALUE}
     */
    public Optional<String> reference() {
        return kind == Kind.VALUE ? Optional.empty() : Optional.of(reference);
    }

    /**
     * Resolves the value here.
     *
     * @return the value, or empty for a {@link Kind#SECRET_REF} (resolved on the cluster)
     * @throws KubeException with {@link KubeException.Reason#SECRET_UNRESOLVED} when the variable is unset or the
     *         file cannot be read (the message names the variable or file, never a value)
     */
    public Optional<String> resolve() {
        return switch (kind) {
            case VALUE -> Optional.of(new String(value));
            case ENV -> {
                String v = System.getenv(reference);
                if (v == null) {
                    throw new KubeException(KubeException.Reason.SECRET_UNRESOLVED, 0,
                            "environment variable " + reference + " is not set", null);
                }
                yield Optional.of(v);
            }
            case FILE -> {
                try {
                    yield Optional.of(Files.readString(Path.of(reference)).stripTrailing());
                } catch (IOException e) {
                    throw new KubeException(KubeException.Reason.SECRET_UNRESOLVED, 0,
                            "cannot read secret file " + reference, null);
                }
            }
            case SECRET_REF -> Optional.empty();
        };
    }

    /**
     * Returns the value, resolved here.
     *
     * @return the value, resolved here
     * @throws KubeException with {@link KubeException.Reason#SECRET_UNRESOLVED} when it cannot be resolved
     *         here (including a {@link Kind#SECRET_REF})
     */
    public String reveal() {
        return resolve().orElseThrow(() -> new KubeException(KubeException.Reason.SECRET_UNRESOLVED, 0,
                "secret " + reference + " lives on the cluster and cannot be read here", null));
    }

    /**
     * Returns a copy of the value's characters, which the caller wipes.
     *
     * @return a copy of the value's characters (the caller wipes it)
     * @throws KubeException as {@link #reveal()}
     */
    public char[] chars() {
        return kind == Kind.VALUE ? value.clone() : reveal().toCharArray();
    }

    /**
     * Returns whether this is a {@link Kind#VALUE} with no characters.
     *
     * @return whether this is a {@link Kind#VALUE} with no characters
     */
    public boolean isEmpty() {
        return kind == Kind.VALUE && value.length == 0;
    }

    /** Overwrites a held value with zeros; later reads see an empty secret. References hold nothing to wipe. */
    public void wipe() {
        if (value != null) {
            Arrays.fill(value, '\0');
            value = new char[0];
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Secret s) || s.kind != kind || !s.reference.equals(reference)) {
            return false;
        }
        if (value == null) {
            return s.value == null;
        }
        return s.value != null && MessageDigest.isEqual(new String(value).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new String(s.value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, reference);
    }

    /**
     * Returns the kind and reference, never the value or its length.
     *
     * @return the kind and reference; for a value only {@code ***}, never the value or its length
     */
    @Override
    public String toString() {
        return switch (kind) {
            case VALUE -> "Secret[value=***]";
            case ENV -> "Secret[env=" + reference + "]";
            case FILE -> "Secret[file=" + reference + "]";
            case SECRET_REF -> "Secret[secret=" + reference + "]";
        };
    }
}
