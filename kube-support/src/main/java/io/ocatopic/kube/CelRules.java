package io.ocatopic.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRDs' {@code x-kubernetes-validations} rules, compiled and run by Google's CEL for Java with the
 * extension libraries Kubernetes enables (strings, lists, sets, math, regex, encoders). {@code self} and
 * {@code oldSelf} are dynamically typed JSON values. A rule that uses a Kubernetes-only library which
 * CEL for Java does not ship (for example {@code format.dns1123Subdomain()}, {@code quantity()},
 * {@code isURL()}) cannot be compiled: it is counted in {@link #uncompiled()} and not run, never
 * reported against the object. Transition rules (those naming {@code oldSelf}) run only on update.
 */
final class CelRules {
    private static final Cel CEL;

    static {
        CelOptions options = CelOptions.current().enableTimestampEpoch(true).build();
        CEL = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
                .addVar("self", SimpleType.DYN)
                .addVar("oldSelf", SimpleType.DYN)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(options),
                        CelExtensions.math(options), CelExtensions.regex(), CelExtensions.encoders(options))
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(options),
                        CelExtensions.math(options), CelExtensions.regex(), CelExtensions.encoders(options))
                .build();
    }

    /** A compiled rule, or the reason it could not be compiled. */
    record Rule(String expression, String message, String fieldPath, boolean transition,
                dev.cel.runtime.CelRuntime.Program program, String compileError) {
    }

    private static final Map<String, Rule> CACHE = new ConcurrentHashMap<>();
    private static final java.util.Set<String> UNCOMPILED = ConcurrentHashMap.newKeySet();

    private CelRules() {
    }

    /** The distinct rule expressions seen that CEL for Java could not compile. */
    static List<String> uncompiled() {
        return List.copyOf(UNCOMPILED);
    }

    static Rule rule(JsonNode def) {
        String expr = def.path("rule").asText("");
        String message = def.path("message").asText("");
        String fieldPath = def.path("fieldPath").asText("");
        return CACHE.computeIfAbsent(expr + "\u0000" + message + "\u0000" + fieldPath, k -> compile(expr, message, fieldPath));
    }

    private static Rule compile(String expr, String message, String fieldPath) {
        boolean transition = expr.contains("oldSelf");
        try {
            CelAbstractSyntaxTree ast = CEL.compile(expr).getAst();
            return new Rule(expr, message, fieldPath, transition, CEL.createProgram(ast), null);
        } catch (CelValidationException | CelEvaluationException | RuntimeException e) {
            UNCOMPILED.add(expr);
            return new Rule(expr, message, fieldPath, transition, null, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Runs a rule.
     *
     * @return empty when the rule holds or was not run; else what to report
     */
    static Optional<String> evaluate(Rule rule, JsonNode self, JsonNode oldSelf) {
        if (rule.program() == null || (rule.transition() && oldSelf == null)) {
            return Optional.empty();
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("self", toCel(self));
        if (oldSelf != null) {
            vars.put("oldSelf", toCel(oldSelf));
        }
        try {
            Object result = rule.program().eval(vars);
            if (Boolean.TRUE.equals(result)) {
                return Optional.empty();
            }
            return Optional.of(rule.message().isEmpty() ? "failed rule: " + rule.expression() : rule.message());
        } catch (CelEvaluationException | RuntimeException e) {
            return Optional.of("rule " + rule.expression() + " could not be evaluated: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A JSON value as CEL for Java takes it: maps, lists, Long, Double, String, Boolean. */
    static Object toCel(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return com.google.protobuf.NullValue.NULL_VALUE;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), toCel(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            n.forEach(x -> l.add(toCel(x)));
            return l;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asText();
    }
}
