package io.ocatopic.kube.internal;

import io.ocatopic.core.Problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one reader configuration for files users write (chassis specs, fleets, DPU configs, Kubernetes
 * YAML): YAML or JSON through Jackson, with
 * <ul>
 *   <li>duplicate keys refused with their path (YAML and JSON would otherwise let the last one win silently);</li>
 *   <li>documents up to {@value #MAX_CODE_POINTS} code points (64 Mi; SnakeYAML's default is 3 MiB, too small
 *       for a fleet of 100,000 GPUs), and a file over it reported as over the limit, not as bad syntax;</li>
 *   <li>at most {@value #MAX_ALIASES} aliases to collections, and nesting limited by Jackson's stream constraints.</li>
 * </ul>
 * {@link #problem(IOException, String)} turns a read failure into a {@link Problem} that names the place
 * (field path, line) and never quotes the input, which may hold a secret.
 *
 * <pre>{@code
 * try {
 *     JsonNode tree = UserFiles.yaml().readTree(text);
 * } catch (IOException e) {
 *     Problem p = UserFiles.problem(e, "chassis.yaml");   // e.g. edgeclusters[0].master0: duplicate key "nic_ext_dhcp"
 * }
 * }</pre>
 */
public final class UserFiles {
    /** The largest YAML document read, in code points: 64 Mi. */
    public static final int MAX_CODE_POINTS = 64 * 1024 * 1024;
    /** The most aliases one YAML document may use. */
    public static final int MAX_ALIASES = 100;

    private static final ObjectMapper YAML = configure(new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            // an empty value (`nodes:`) is null, as with a default YAMLFactory; the builder's default differs
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build()));
    private static final ObjectMapper JSON = configure(new ObjectMapper());

    private UserFiles() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_CODE_POINTS);
        o.setMaxAliasesForCollections(MAX_ALIASES);
        o.setAllowDuplicateKeys(false);
        return o;
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        return m;
    }

    /**
     * The reader for YAML (and so JSON) user files. Configured once; treat it as read-only (use
     * {@code reader()}/{@code readerFor()} for per-call settings).
     *
     * @return the shared mapper
     */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** @return the shared mapper for JSON user files, configured like {@link #yaml()} */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * What went wrong reading a user file, as a problem with the field path (or line) and without any of the
     * file's content.
     *
     * @param e      the failure from {@link #yaml()} or {@link #json()}
     * @param source the file's name, used when no field path is known
     * @return the problem
     */
    public static Problem problem(IOException e, String source) {
        String msg = String.valueOf(e.getMessage());
        String line = e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0
                ? " at line " + j.getLocation().getLineNr() : "";
        if (msg.contains("exceeds the limit") || msg.contains("code point")) {
            return new Problem(source, "the file is larger than ocatopic reads: at most " + MAX_CODE_POINTS
                    + " code points (64 Mi) per YAML document (UserFiles.MAX_CODE_POINTS)");
        }
        if (msg.contains("Number of aliases")) {
            return new Problem(source, "the YAML uses more than " + MAX_ALIASES + " aliases" + line);
        }
        if (msg.startsWith("Duplicate field") || msg.contains("duplicate key") || msg.contains("Duplicate key")) {
            String key = between(msg, "'", "'");
            String path = e instanceof JsonParseException p && p.getProcessor() != null
                    ? path(p.getProcessor().getParsingContext().getParent()) : "";
            if (e instanceof JsonMappingException m && path.isEmpty()) {
                path = path(m);
            }
            return new Problem(path.isEmpty() ? source : path, "duplicate key" + (key.isEmpty() ? "" : " \"" + key + "\"")
                    + line + ": give each key once (the last one would silently win)");
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return new Problem(path(u), "unknown field" + line + " (known: " + u.getKnownPropertyIds() + ")");
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi && mi.getTargetType() != null) {
            return new Problem(path(mi).isEmpty() ? source : path(mi), "expected " + typeName(mi.getTargetType()) + line);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return new Problem(path(m), "cannot be read here" + line);
        }
        return new Problem(source, "not valid YAML/JSON" + line);
    }

    private static String typeName(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "a whole number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (t.isEnum()) {
            return "one of " + java.util.Arrays.toString(t.getEnumConstants());
        }
        return "a " + (java.util.Map.class.isAssignableFrom(t) || !t.getName().startsWith("java.") ? "mapping" : t.getSimpleName());
    }

    private static String between(String s, String open, String close) {
        int a = s.indexOf(open);
        int b = a < 0 ? -1 : s.indexOf(close, a + 1);
        return a < 0 || b < 0 ? "" : s.substring(a + 1, b);
    }

    /** A parser context as a field path ({@code a.b[0].c}). */
    static String path(JsonStreamContext ctx) {
        StringBuilder sb = new StringBuilder();
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        parts.forEach(sb::append);
        return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            }
        }
        return sb.toString();
    }
}
