package io.ocatopic.kmm.internal;

import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.KubeNames;
import java.util.Locale;
import java.util.Optional;

/**
 * Names of the KMM objects ocatopic renders. Kernel module names contain {@code _} ({@code mlx5_core},
 * {@code nvidia_peermem}), which the API server refuses in {@code metadata.name}: a custom resource's name
 * must be a DNS-1123 subdomain ({@link KubeNames#isSubdomain}). The object name is therefore derived from
 * the kernel module's name, which modprobe keeps using.
 *
 * <pre>{@code
 * KmmNames.objectName("nvidia_peermem");      // "nvidia-peermem"
 * KmmNames.subdomainProblem("metadata.name", "hello_"); // a Problem: not a DNS-1123 subdomain
 * }</pre>
 */
public final class KmmNames {
    private KmmNames() {
    }

    /**
     * The object name for a kernel module: lower case, {@code _} replaced by {@code -}. Modprobe treats
     * {@code _} and {@code -} alike, so the object name still names the module; the result is not checked
     * (see {@link #subdomainProblem}).
     *
     * @param kernelModuleName the kernel module's name, e.g. {@code mlx5_core}
     * @return the derived name, e.g. {@code mlx5-core}
     */
    public static String objectName(String kernelModuleName) {
        return kernelModuleName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The problem of a name that is not a DNS-1123 subdomain.
     *
     * @param path the field path, e.g. {@code metadata.name}
     * @param name the name
     * @return the problem naming the field and the fix, empty when the name is valid
     */
    public static Optional<Problem> subdomainProblem(String path, String name) {
        if (KubeNames.isSubdomain(name)) {
            return Optional.empty();
        }
        return Optional.of(new Problem(path, "'" + name + "' is not a DNS-1123 subdomain: use at most " + KubeNames.SUBDOMAIN_MAX
                + " lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
                + " (ModuleBuilder.forModule already turns '_' into '-' and upper case into lower case)"));
    }
}
