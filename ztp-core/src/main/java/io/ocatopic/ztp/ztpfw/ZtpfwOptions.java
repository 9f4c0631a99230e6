package io.ocatopic.ztp.ztpfw;

import io.ocatopic.ztp.MirrorSpec;
import io.ocatopic.ztp.SecretValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a ZTPFW file does not say and ZTPFW took from the hub at run time: the base domain (from the
 * hub's ingress domain), the pull secret ({@code openshift-config/pull-secret}), an SSH key, and mirrors.
 *
 * <pre>{@code
 * ZtpfwOptions opts = ZtpfwOptions.of("example.com", SecretValue.fromFile(Path.of("pull-secret.json")));
 * }</pre>
 *
 * @param baseDomain the clusters' base domain
 * @param pullSecret the pull secret
 * @param sshKey     an SSH public key for the nodes, when given
 * @param fips       whether to install in FIPS mode (ZTPFW always did: {@code fips: true})
 * @param mirrors    registry mirrors to render
 */
public record ZtpfwOptions(String baseDomain, SecretValue pullSecret, Optional<String> sshKey, boolean fips,
                           List<MirrorSpec> mirrors) {
    /**
     * Checks the required parts.
     *
     * @param baseDomain base domain
     * @param pullSecret pull secret
     * @param sshKey     SSH key
     * @param fips       FIPS mode
     * @param mirrors    mirrors
     */
    public ZtpfwOptions {
        Objects.requireNonNull(baseDomain, "baseDomain");
        Objects.requireNonNull(pullSecret, "pullSecret");
        sshKey = sshKey == null ? Optional.empty() : sshKey;
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    /**
     * Options with FIPS on, no SSH key and no mirrors.
     *
     * @param baseDomain the base domain
     * @param pullSecret the pull secret
     * @return the options
     */
    public static ZtpfwOptions of(String baseDomain, SecretValue pullSecret) {
        return new ZtpfwOptions(baseDomain, pullSecret, Optional.empty(), true, List.of());
    }

    /**
     * A copy with an SSH key.
     *
     * @param key the public key
     * @return the options
     */
    public ZtpfwOptions withSshKey(String key) {
        return new ZtpfwOptions(baseDomain, pullSecret, Optional.of(key), fips, mirrors);
    }

    /**
     * A copy with mirrors.
     *
     * @param list the mirrors
     * @return the options
     */
    public ZtpfwOptions withMirrors(List<MirrorSpec> list) {
        return new ZtpfwOptions(baseDomain, pullSecret, sshKey, fips, list);
    }
}
