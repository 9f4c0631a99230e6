package io.ocatopic.kube.internal;

import io.ocatopic.core.Problem;

import java.util.Optional;
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

    /**
     * Why a string is not a label or annotation key, for a {@link Problem} message (the key itself is not
     * quoted: the path names it).
     *
     * @param key a label or annotation key
     * @return the reason and the rule, empty when it is a qualified name
     */
    public static Optional<String> qualifiedNameProblem(String key) {
        if (isQualifiedName(key)) {
            return Optional.empty();
        }
        String rule = "a label key is an optional prefix (a DNS-1123 subdomain of at most " + SUBDOMAIN_MAX
                + " characters) and '/', then a name of at most " + LABEL_MAX
                + " letters, digits, '-', '_' or '.' that begins and ends with a letter or digit";
        if (key == null || key.isEmpty()) {
            return Optional.of("is not a label key: it is empty; " + rule);
        }
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.length() > SUBDOMAIN_MAX) {
                return Optional.of("is not a label key: its prefix has " + prefix.length() + " characters, at most "
                        + SUBDOMAIN_MAX + " allowed; " + rule);
            }
            if (!isSubdomain(prefix)) {
                return Optional.of("is not a label key: its prefix is not a DNS-1123 subdomain (lower-case letters,"
                        + " digits, '-' and '.'); " + rule);
            }
        }
        if (name.isEmpty()) {
            return Optional.of("is not a label key: the name after the prefix is empty; " + rule);
        }
        if (name.length() > LABEL_MAX) {
            return Optional.of("is not a label key: its name has " + name.length() + " characters, at most "
                    + LABEL_MAX + " allowed; " + rule);
        }
        return Optional.of("is not a label key: " + rule);
    }

    /**
     * Why a string is not a label value, for a {@link Problem} message.
     *
     * @param value a label value
     * @return the reason and the rule, empty when it is a label value
     */
    public static Optional<String> labelValueProblem(String value) {
        if (isLabelValue(value)) {
            return Optional.empty();
        }
        String rule = "a label value is empty or at most " + LABEL_MAX
                + " letters, digits, '-', '_' or '.' that begins and ends with a letter or digit";
        if (value != null && value.length() > LABEL_MAX) {
            return Optional.of("is not a label value: it has " + value.length() + " characters, at most " + LABEL_MAX
                    + " allowed; " + rule);
        }
        return Optional.of("is not a label value: " + rule);
    }
}
