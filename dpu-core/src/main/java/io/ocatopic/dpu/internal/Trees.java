package io.ocatopic.dpu.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * JSON trees ({@code Map}/{@code List}/scalars) as the admission rules, the DPF status and the DPF renderer handle
 * them: reading by path, label selectors, and a deep copy with sorted keys.
 */
public final class Trees {
    private Trees() {
    }

    /** @return the map at {@code path} below {@code tree}, or null when absent or not a map */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object tree, String... path) {
        Object o = at(tree, path);
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** @return the list at {@code path}, or an empty list when absent or not a list */
    public static List<?> list(Object tree, String... path) {
        Object o = at(tree, path);
        return o instanceof List<?> l ? l : List.of();
    }

    /** @return the string at {@code path}, or null when absent or not a string */
    public static String str(Object tree, String... path) {
        Object o = at(tree, path);
        return o instanceof String s ? s : null;
    }

    /** @return the value at {@code path}, or null when a step is absent or not a map */
    public static Object at(Object tree, String... path) {
        Object o = tree;
        for (String p : path) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(p);
        }
        return o;
    }

    /** @return whether the object has this apiVersion and kind */
    public static boolean is(Map<String, Object> o, String apiVersion, String kind) {
        return apiVersion.equals(str(o, "apiVersion")) && kind.equals(str(o, "kind"));
    }

    /** @return the string entries of a string map (labels, nodeSelector, data); empty when absent */
    public static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> {
                if (v instanceof String s) {
                    out.put(k, s);
                }
            });
        }
        return out;
    }

    /** @return the object's {@code metadata.labels} */
    public static Map<String, String> labels(Map<String, Object> o) {
        return strings(map(o, "metadata", "labels"));
    }

    /**
     * Whether a {@code metav1.LabelSelector} selects these labels, as {@code metav1.LabelSelectorAsSelector}
     * reads it: a missing selector selects nothing, an empty one everything; {@code matchLabels} and
     * {@code matchExpressions} (In, NotIn, Exists, DoesNotExist) are ANDed; an unknown operator selects
     * nothing.
     *
     * @param selector the selector tree, or null
     * @param labels   the labels
     * @return true when selected
     */
    public static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        for (Map.Entry<String, String> e : strings(map(selector, "matchLabels")).entrySet()) {
            if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        for (Object x : list(selector, "matchExpressions")) {
            String key = str(x, "key");
            String op = str(x, "operator");
            List<?> values = list(x, "values");
            boolean has = key != null && labels.containsKey(key);
            boolean ok = switch (op == null ? "" : op) {
                case "In" -> has && values.contains(labels.get(key));
                case "NotIn" -> !has || !values.contains(labels.get(key));
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param o a tree
     * @return a deep copy with every map's keys sorted, so that YAML written from it is the same on every run
     */
    public static Object sorted(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put((String) k, sorted(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(Trees::sorted).toList();
        }
        return o;
    }
}
