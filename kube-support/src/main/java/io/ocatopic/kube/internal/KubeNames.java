package io.ocatopic.kube.internal;

import io.ocatopic.core.Problem;

import java.util.regex.Pattern;

/**
 * Kubernetes' name rules, written once for every module (k8s.io/apimachinery
 * {@code pkg/util/validation/validation.go}): DNS-1123 subdomains (most object names), DNS-1123 labels
 * (namespaces, label-sized names), qualified names (label and annotation keys) and label values.
 *
 * <pre>{@code
 * if (!KubeNames.isSubdomain(name)) { problems.add(new Problem("metadata.name", "...")); }
 * }</pre>
 */
public final class KubeNames {
    /** The longest DNS-1123 subdomain. */
    public static final int SUBDOMAIN_MAX = 253;
    /** The longest DNS-1123 label, qualified name (after its prefix) and label value. */
    public static final int LABEL_MAX = 63;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private KubeNames() {
    }

    /**
     * @param s a name
     * @return whether it is a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)
     */
    public static boolean isSubdomain(String s) {
        return s != null && s.length() <= SUBDOMAIN_MAX && SUBDOMAIN.matcher(s).matches();
    }

    /**
     * @param s a name
     * @return whether it is a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)
     */
    public static boolean isLabel(String s) {
        return s != null && s.length() <= LABEL_MAX && LABEL.matcher(s).matches();
    }

    /**
     * @param s a label value
     * @return whether it is a label value (empty, or at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends)
     */
    public static boolean isLabelValue(String s) {
        return s != null && s.length() <= LABEL_MAX && LABEL_VALUE.matcher(s).matches();
    }

    /**
     * @param key a label or annotation key
     * @return whether it is a qualified name: an optional DNS-1123 subdomain prefix and '/', then a name
     */
    public static boolean isQualifiedName(String key) {
        if (key == null) {
            return false;
        }
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            if (!isSubdomain(key.substring(0, slash))) {
                return false;
            }
            name = key.substring(slash + 1);
        }
        return !name.isEmpty() && name.length() <= LABEL_MAX && QUALIFIED_NAME.matcher(name).matches();
    }
}
