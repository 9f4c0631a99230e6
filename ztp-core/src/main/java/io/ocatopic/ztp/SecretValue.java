package io.ocatopic.ztp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret (BMC password, pull secret, kubeconfig, token) given by value or by reference. Its
 * {@link #toString()} never shows a value, only the kind of reference, so it is safe in logs,
 * exceptions and records' {@code toString}.
 *
 * <pre>{@code
 * SecretValue pass = SecretValue.fromEnv("BMC_PASS");      // resolved when rendering
 * SecretValue inline = SecretValue.of("hunter2");          // prints as SecretValue[value=***]
 * SecretValue onHub = SecretValue.fromSecret("bmc-creds", "password"); // never read locally
 * }</pre>
 */
public final class SecretValue {
    /** How the secret is given. */
    public enum Kind {
        /** The value itself. */
        VALUE,
        /** The name of an environment variable holding the value. */
        ENV,
        /** A local file holding the value. */
        FILE,
        /** A Kubernetes Secret ({@code name/key}) already on the target cluster; never read locally. */
        SECRET_REF
    }

    private final Kind kind;
    private final String content;

    private SecretValue(Kind kind, String content) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.content = Objects.requireNonNull(content, "content");
    }

    /**
     * A secret given by value.
     *
     * @param value the secret itself
     * @return the wrapper
     */
    public static SecretValue of(String value) {
        return new SecretValue(Kind.VALUE, value);
    }

    /**
     * A secret read from an environment variable when it is needed.
     *
     * @param variable the variable name
     * @return the wrapper
     */
    public static SecretValue fromEnv(String variable) {
        return new SecretValue(Kind.ENV, variable);
    }

    /**
     * A secret read from a local file when it is needed (trailing newline removed).
     *
     * @param file the file
     * @return the wrapper
     */
    public static SecretValue fromFile(Path file) {
        return new SecretValue(Kind.FILE, file.toString());
    }

    /**
     * A secret that already exists on the target cluster as a Kubernetes Secret.
     *
     * @param secretName the Secret's name
     * @param key        the data key
     * @return the wrapper
     */
    public static SecretValue fromSecret(String secretName, String key) {
        return new SecretValue(Kind.SECRET_REF, secretName + "/" + key);
    }

    /** @return how the secret is given */
    public Kind kind() {
        return kind;
    }

    /**
     * The reference, safe to print: the variable name, file path or {@code secret/key}; empty for
     * {@link Kind#VALUE}.
     *
     * @return the reference, never the value
     */
    public Optional<String> reference() {
        return kind == Kind.VALUE ? Optional.empty() : Optional.of(content);
    }

    /**
     * Resolves the secret on this machine.
     *
     * @return the value; empty for {@link Kind#SECRET_REF} (it lives on a cluster)
     * @throws ZtpException with {@link ZtpException.Reason#SECRET_UNRESOLVED} when a variable is unset or
     *                      a file cannot be read (the message names the reference, not the value)
     */
    public Optional<String> resolve() {
        switch (kind) {
            case VALUE:
                return Optional.of(content);
            case ENV: {
                String v = System.getenv(content);
                if (v == null) {
                    throw new ZtpException(ZtpException.Reason.SECRET_UNRESOLVED,
                            "environment variable " + content + " is not set");
                }
                return Optional.of(v);
            }
            case FILE:
                try {
                    return Optional.of(Files.readString(Path.of(content)).stripTrailing());
                } catch (IOException e) {
                    throw new ZtpException(ZtpException.Reason.SECRET_UNRESOLVED,
                            "cannot read secret file " + content, null);
                }
            default:
                return Optional.empty();
        }
    }

    /**
     * The value for code that must write it somewhere (a Secret, a file with mode 0600).
     *
     * @return the resolved value
     * @throws ZtpException with {@link ZtpException.Reason#SECRET_UNRESOLVED} when it cannot be resolved
     *                      here (including {@link Kind#SECRET_REF})
     */
    public String reveal() {
        return resolve().orElseThrow(() -> new ZtpException(ZtpException.Reason.SECRET_UNRESOLVED,
                "secret " + content + " lives on the cluster and cannot be read here"));
    }

    /** @return the literal content for {@link #kind()} (the value itself for VALUE); package use only */
    String rawContent() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue s && s.kind == kind && s.content.equals(content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, content);
    }

    /** @return {@code SecretValue[value=***]} or the reference, never a value */
    @Override
    public String toString() {
        switch (kind) {
            case VALUE:
                return "SecretValue[value=***]";
            case ENV:
                return "SecretValue[env=" + content + "]";
            case FILE:
                return "SecretValue[file=" + content + "]";
            default:
                return "SecretValue[secret=" + content + "]";
        }
    }
}
