package io.ocatopic.ztp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ocatopic.core.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of a parsed user file ({@link ZtpFiles#tree}) that collect every wrong type and unknown field
 * as a {@link Problem} at its field path and go on, so a file with many mistakes reports them all at once
 * (a data-binding read stops at the first).
 */
public final class FieldReader {
    private final List<Problem> problems = new ArrayList<>();

    /** @return every problem found so far */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * Records a problem.
     *
     * @param path    the field path
     * @param message what is wrong
     */
    public void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    /**
     * @param path  the parent's path, empty for the root
     * @param field a field name
     * @return {@code path.field}, or {@code field} at the root
     */
    public static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /**
     * Flags every field of {@code obj} not in {@code fields} as {@code unknown field}.
     *
     * @param obj    a map node
     * @param path   its path
     * @param fields the known field names
     */
    public void known(JsonNode obj, String path, Set<String> fields) {
        Iterator<String> it = obj.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!fields.contains(f)) {
                problem(join(path, f), "unknown field");
            }
        }
    }

    /**
     * @param obj  a map node
     * @param path its path
     * @param f    the field
     * @return the scalar as text, {@code null} when absent, null or not a scalar (then flagged)
     */
    public String str(JsonNode obj, String path, String f) {
        JsonNode n = obj.get(f);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            problem(join(path, f), "must be a string");
            return null;
        }
        return n.asText();
    }

    /**
     * @param obj  a map node
     * @param path its path
     * @param f    the field
     * @return the boolean ({@code true}/{@code false}, also quoted); false when absent or wrong (then flagged)
     */
    public boolean bool(JsonNode obj, String path, String f) {
        JsonNode n = obj.get(f);
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) {
            return Boolean.parseBoolean(n.asText());
        }
        problem(join(path, f), "must be true or false");
        return false;
    }

    /**
     * @param obj  a map node
     * @param path its path
     * @param f    the field
     * @return the list of scalars as text, empty when absent; wrong items are flagged and left out
     */
    public List<String> strings(JsonNode obj, String path, String f) {
        JsonNode n = obj.get(f);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(join(path, f), "must be a list of strings");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isValueNode()) {
                problem(join(path, f) + "[" + i + "]", "must be a string");
            } else {
                out.add(n.get(i).asText());
            }
        }
        return out;
    }

    /**
     * @param obj  a map node
     * @param path its path
     * @param f    the field
     * @return the map of scalars as text, in file order, empty when absent; wrong values are flagged and left out
     */
    public Map<String, String> stringMap(JsonNode obj, String path, String f) {
        JsonNode n = obj.get(f);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            problem(join(path, f), "must be a map of strings");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                problem(join(path, f) + "." + e.getKey(), "must be a string");
            }
        });
        return out;
    }

    /**
     * @param obj  a map node
     * @param path its path
     * @param f    the field
     * @return the map node, {@code null} when absent, null or not a map (then flagged)
     */
    public JsonNode object(JsonNode obj, String path, String f) {
        JsonNode n = obj.get(f);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            problem(join(path, f), "must be a map");
            return null;
        }
        return n;
    }
}
