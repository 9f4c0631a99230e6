package io.ocatopic.ztp.internal;

import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ZtpException;
import java.util.Optional;

/**
 * Resolves {@link Secret}s for ztp-core's renderers, translating a failure at the module boundary into a
 * {@link ZtpException} with {@link ZtpException.Reason#SECRET_UNRESOLVED} (same message: it names the
 * variable, file or Secret, never a value).
 */
public final class ZtpSecrets {
    private ZtpSecrets() {
    }

    /**
     * The value, resolved here.
     *
     * @param s the secret
     * @return the value
     * @throws ZtpException {@code SECRET_UNRESOLVED} when it cannot be resolved here (including a Secret reference)
     */
    public static String reveal(Secret s) {
        try {
            return s.reveal();
        } catch (KubeException e) {
            throw translate(e);
        }
    }

    /**
     * The value when it can be resolved here.
     *
     * @param s the secret
     * @return the value, empty for a Secret reference (it lives on a cluster)
     * @throws ZtpException {@code SECRET_UNRESOLVED} when a variable is unset or a file cannot be read
     */
    public static Optional<String> resolve(Secret s) {
        try {
            return s.resolve();
        } catch (KubeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(KubeException e) {
        if (e.reason() == KubeException.Reason.SECRET_UNRESOLVED) {
            return new ZtpException(ZtpException.Reason.SECRET_UNRESOLVED, e.getMessage(), null);
        }
        return e;
    }
}
