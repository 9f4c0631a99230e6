package io.ocatopic.gpu.internal.mig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.internal.Problems;
import java.util.ArrayList;
import java.util.List;

/** Validation helpers of the fleet records and the fleet reader, which prefixes each problem with its path. */
public final class FleetChecks {
    /**
     * The one reader for user files (duplicate keys refused, 64 Mi code points), here refusing a fraction
     * where an integer goes: {@code index: 1.5} would otherwise be truncated to GPU 1 silently.
     */
    private static final ObjectReader YAML = io.ocatopic.kube.internal.UserFiles.yaml().readerFor(Fleet.class)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private FleetChecks() {
    }

    public static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new GpuException(GpuException.Reason.INVALID, "invalid fleet", Problems.of(problems), null);
        }
    }

    public static Fleet read(String text) {
        try {
            Fleet f = YAML.readValue(text);
            if (f == null) {
                throw new GpuException(GpuException.Reason.INVALID, "invalid fleet", Problems.of(List.of("nodes: required")), null);
            }
            return f;
        } catch (JsonMappingException e) {
            String path = path(e);
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof com.fasterxml.jackson.core.JsonParseException p) {
                    throw notYaml(p);
                }
            }
            if (String.valueOf(e.getOriginalMessage()).startsWith("Missing required creator property")) {
                // the path already ends at the missing field
                throw new GpuException(GpuException.Reason.INVALID, "invalid fleet", Problems.of(List.of(path + ": required")), null);
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InputCoercionException c) {
                    // a number beyond an int (index: 999999999999): said as out of range, not as "a different value"
                    throw new GpuException(GpuException.Reason.INVALID, "invalid fleet",
                            List.of(new io.ocatopic.core.Problem(path.isEmpty() ? "fleet" : path, outOfRange(path, c))), null);
                }
                if (t instanceof GpuException g) {
                    List<String> problems = new ArrayList<>();
                    for (io.ocatopic.core.Problem p : g.problems()) {
                        String line = p.toString();
                        problems.add(path.isEmpty() ? line : path + "." + line);
                    }
                    throw new GpuException(GpuException.Reason.INVALID, "invalid fleet", Problems.of(problems), null);
                }
            }
            String what = e instanceof UnrecognizedPropertyException u
                    ? "unknown field (known: " + u.getKnownPropertyIds() + ")"
                    : "expected " + expected(e);
            throw new GpuException(GpuException.Reason.INVALID, "invalid fleet",
                    // the Problem is built from the path itself: a key with a space ("instan- ces") would lose it as a line
                    List.of(new io.ocatopic.core.Problem(path.isEmpty() ? "fleet" : path, what)), null);
        } catch (JsonProcessingException e) {
            throw notYaml(e);
        }
    }

    private static GpuException notYaml(JsonProcessingException e) {
        io.ocatopic.core.Problem p = io.ocatopic.kube.internal.UserFiles.problem(e, "fleet");
        if (!p.message().startsWith("not valid")) {
            // a duplicate key, a file over the size limit: said as what it is, with its path
            return new GpuException(GpuException.Reason.INVALID, "invalid fleet", List.of(p), null);
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return new GpuException(GpuException.Reason.INVALID, "fleet is not valid YAML" + where);
    }

    private static String outOfRange(String path, InputCoercionException c) {
        // the value from Jackson's "Numeric value (N) out of range of int": digits only, never other input
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((-?[0-9]{1,40})\\)")
                .matcher(String.valueOf(c.getOriginalMessage()));
        String number = m.find() ? m.group(1) : "the number";
        String field = path.substring(path.lastIndexOf('.') + 1);
        return switch (field) {
            case "index" -> number + " is not an NVML index (0 or more, at most " + Integer.MAX_VALUE + ")";
            case "start" -> number + " is not a memory slice (0..7)";
            default -> number + " is out of range (an integer, at most " + Integer.MAX_VALUE + ")";
        };
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            Class<?> t = m.getTargetType();
            if (t == int.class || t == Integer.class) {
                return "an integer";
            }
            if (t == boolean.class || t == Boolean.class) {
                return "true or false";
            }
            if (List.class.isAssignableFrom(t)) {
                return "a list";
            }
            if (t == String.class) {
                return "a string";
            }
            return "an object (" + t.getName().substring(t.getPackageName().length() + 1).replace('$', '.') + ")";
        }
        return "a different value";
    }
}
