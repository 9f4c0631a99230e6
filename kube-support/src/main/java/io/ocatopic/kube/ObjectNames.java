package io.ocatopic.kube;

import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.KubeNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * kube-apiserver's checks of {@code metadata} (k8s.io/apimachinery {@code pkg/api/validation/objectmeta.go}
 * and {@code pkg/util/validation/validation.go}): object names, namespaces, label and annotation keys and
 * values, and the fields ObjectMeta has.
 */
final class ObjectNames {
    static final int DNS1123_SUBDOMAIN_MAX = 253;
    static final int DNS1123_LABEL_MAX = 63;
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;
    /** The fields of ObjectMeta (k8s.io/apimachinery pkg/apis/meta/v1 types.go). */
    static final Set<String> OBJECT_META = Set.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");
    /** Built-in kinds whose names are DNS-1123 labels rather than subdomains. */
    private static final Set<String> LABEL_NAMED = Set.of("Namespace");
    /** Built-in kinds whose names are DNS-1035 labels. */
    private static final Set<String> DNS1035_NAMED = Set.of("Service");

    private ObjectNames() {
    }

    /** Checks {@code metadata}; prunes (and with {@code strict}, reports) fields ObjectMeta lacks. */
    static void check(String kind, boolean builtin, JsonNode metadata, String path, boolean strict, List<Problem> out) {
        if (metadata == null || !metadata.isObject()) {
            out.add(new Problem(path, "is required: an object with at least a name"));
            return;
        }
        for (Iterator<String> it = metadata.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!OBJECT_META.contains(f)) {
                if (strict) {
                    out.add(new Problem(path + "." + f, "unknown field (ObjectMeta has no such field)"));
                }
                it.remove();
            }
        }
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            if (metadata.path("generateName").asText("").isEmpty()) {
                out.add(new Problem(path + ".name", "is required"));
            }
        } else if (builtin && LABEL_NAMED.contains(kind)) {
            label(name, path + ".name", out);
        } else if (builtin && DNS1035_NAMED.contains(kind)) {
            if (name.length() > DNS1123_LABEL_MAX || !DNS1035_LABEL.matcher(name).matches()) {
                out.add(new Problem(path + ".name", quote(name) + " is not a DNS-1035 label: lower-case letters, digits and '-',"
                        + " starting with a letter, at most 63 characters"));
            }
        } else {
            subdomain(name, path + ".name", out);
        }
        String ns = metadata.path("namespace").asText("");
        if (!ns.isEmpty()) {
            label(ns, path + ".namespace", out);
        }
        JsonNode labels = metadata.get("labels");
        if (labels != null && labels.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + ".labels[" + quote(e.getKey()) + "]";
                qualifiedName(e.getKey(), p, out);
                String v = e.getValue().isNull() ? "" : e.getValue().asText();
                if (!e.getValue().isTextual() && !e.getValue().isNull()) {
                    out.add(new Problem(p, "label values are strings"));
                } else if (!KubeNames.isLabelValue(v)) {
                    out.add(new Problem(p, quote(v) + " is not a label value: at most 63 characters of letters, digits,"
                            + " '-', '_' and '.', starting and ending with a letter or digit"));
                }
            }
        }
        JsonNode annotations = metadata.get("annotations");
        if (annotations != null && annotations.isObject()) {
            long size = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                qualifiedName(e.getKey(), path + ".annotations[" + quote(e.getKey()) + "]", out);
                size += e.getKey().length() + e.getValue().asText("").length();
            }
            if (size > ANNOTATIONS_MAX_BYTES) {
                out.add(new Problem(path + ".annotations", "annotations total " + size + " bytes; at most " + ANNOTATIONS_MAX_BYTES));
            }
        }
    }

    static boolean isSubdomain(String s) {
        return KubeNames.isSubdomain(s);
    }

    private static void subdomain(String s, String path, List<Problem> out) {
        if (!isSubdomain(s)) {
            out.add(new Problem(path, quote(s) + " is not a DNS-1123 subdomain: lower-case letters, digits, '-' and '.',"
                    + " starting and ending with a letter or digit, at most 253 characters"));
        }
    }

    private static void label(String s, String path, List<Problem> out) {
        if (!KubeNames.isLabel(s)) {
            out.add(new Problem(path, quote(s) + " is not a DNS-1123 label: lower-case letters, digits and '-',"
                    + " starting and ending with a letter or digit, at most 63 characters"));
        }
    }

    private static void qualifiedName(String key, String path, List<Problem> out) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || !isSubdomain(prefix)) {
                out.add(new Problem(path, "key prefix " + quote(prefix) + " is not a DNS-1123 subdomain"));
            }
        }
        if (name.isEmpty() || name.length() > DNS1123_LABEL_MAX || !QUALIFIED_NAME.matcher(name).matches()) {
            out.add(new Problem(path, "key " + quote(key) + " is not a qualified name: an optional DNS prefix and '/', then"
                    + " at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit"));
        }
    }

    static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 77) + "..." : s;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
