package io.ocatopic.kmm.internal.sign;

import java.util.List;

/** The name checks of KMM's two signing Secrets ({@code <name>-key}, {@code <name>-cert}). */
public final class SigningSecretNames {
    private SigningSecretNames() {
    }

    /**
     * The rules of k8s.io/apimachinery {@code IsDNS1123Subdomain} and {@code IsDNS1123Label}.
     *
     * @param baseName the Secret name prefix
     * @param namespace the namespace
     * @throws io.ocatopic.kmm.KmmException {@code INVALID}
     */
    public static void checkNames(String baseName, String namespace) {
        List<io.ocatopic.core.Problem> problems = new java.util.ArrayList<>();
        if (baseName == null || baseName.isEmpty()) {
            problems.add(new io.ocatopic.core.Problem("baseName", "must not be empty: give a Secret name prefix such as module-signing"));
        } else {
            String longest = baseName + "-cert";
            if (!io.ocatopic.kube.internal.KubeNames.isSubdomain(baseName + "-key") || !io.ocatopic.kube.internal.KubeNames.isSubdomain(longest)) {
                problems.add(new io.ocatopic.core.Problem("baseName", quote(baseName) + " does not make valid Secret names ("
                        + "<name>-key/-cert must be DNS-1123 subdomains: lower-case a-z, 0-9, '-' and '.', starting with"
                        + " a letter or digit, at most 253 characters): use e.g. module-signing"));
            }
        }
        if (!io.ocatopic.kube.internal.KubeNames.isLabel(namespace)) {
            problems.add(new io.ocatopic.core.Problem("namespace", quote(namespace) + " is not a valid namespace (a DNS-1123 label:"
                    + " lower-case a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63 characters):"
                    + " use e.g. kmm-ops"));
        }
        if (!problems.isEmpty()) {
            throw io.ocatopic.kmm.KmmException.invalid(problems);
        }
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
