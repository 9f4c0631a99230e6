package io.ocatopic.ztp.internal.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small evaluator of Go {@code text/template}, enough for the SiteConfig operator's default templates
 * (test scope). Supports: text, {@code {{ pipeline }}}, {@code if / else if / else / end}, {@code range}
 * (with {@code $k, $v :=}, map keys sorted as Go does), {@code with}, {@code $x := p} and {@code $x = p},
 * field chains on {@code .} and variables, parenthesised pipelines, string/number/bool literals, pipes, and
 * the functions the templates use: {@code toYaml} (the operator's, sigs.k8s.io/yaml: keys sorted, no trailing
 * newline), sprig's {@code indent}, {@code quote}, {@code list}, {@code append}, and the builtins {@code len},
 * {@code gt}, {@code lt}, {@code eq}, {@code ne}, {@code and}, {@code or}, {@code not}.
 *
 * <p>Data are maps keyed by JSON names (as stored by kube-apiserver); a Go field name is mapped to its JSON
 * name through {@link #FIELDS} (from stolostron/siteconfig {@code api/v1alpha1/clusterinstance_types.go} and
 * the assisted {@code NMStateConfigSpec}), else by lower-casing its first letter. Limits: a missing field
 * yields its Go zero value only for fields listed in {@link #ZERO}, else {@code nil}; a non-pointer struct
 * is truthy only when non-empty (Go: always), which no default template tests; no {@code define},
 * {@code template}, {@code block}, {@code break}, comments, or method calls; trim markers are honoured.
 */
final class GoTemplate {
    /** Go field name to JSON name, where lower-casing the first letter is wrong. */
    static final Map<String, String> FIELDS = Map.of("SSHPublicKey", "sshPublicKey", "CIDR", "cidr",
            "NetConfig", "config", "CPUArchitecture", "cpuArchitecture", "BmcCredentialsName", "bmcCredentialsName",
            "BootMACAddress", "bootMACAddress");
    /** Go zero values of fields whose JSON form omits them (omitempty). */
    static final Map<String, Object> ZERO = Map.ofEntries(Map.entry("HoldInstallation", false),
            Map.entry("SSHPublicKey", ""), Map.entry("IgnitionConfigOverride", ""), Map.entry("IronicInspect", ""),
            Map.entry("InstallerArgs", ""), Map.entry("PlatformType", ""), Map.entry("CPUArchitecture", ""),
            Map.entry("AutomatedCleaningMode", ""), Map.entry("BootMode", ""), Map.entry("Role", ""),
            Map.entry("ExtraManifestsRefs", List.of()), Map.entry("PullSecretRef", Map.of()),
            Map.entry("BmcCredentialsName", Map.of()), Map.entry("Name", ""), Map.entry("Namespace", ""));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final List<Node> nodes;

    private GoTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    static GoTemplate parse(String text) {
        Parser p = new Parser(tokens(text));
        List<Node> body = p.list(List.of());
        if (p.pos < p.toks.size()) {
            throw new IllegalArgumentException("unexpected {{" + p.toks.get(p.pos).text + "}}");
        }
        return new GoTemplate(body);
    }

    String execute(Object data) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> vars = new HashMap<>();
        vars.put("$", data);
        run(nodes, data, vars, out);
        return out.toString();
    }

    // ---- lexing: text and actions
    private record Tok(boolean action, String text) {
    }

    private static List<Tok> tokens(String s) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf("{{", i);
            if (open < 0) {
                out.add(new Tok(false, s.substring(i)));
                break;
            }
            String text = s.substring(i, open);
            int close = s.indexOf("}}", open);
            String inner = s.substring(open + 2, close);
            if (inner.startsWith("-")) {
                text = text.stripTrailing();
                inner = inner.substring(1);
            }
            boolean trimRight = inner.endsWith("-") && inner.length() > 1 && Character.isWhitespace(inner.charAt(inner.length() - 2));
            if (trimRight) {
                inner = inner.substring(0, inner.length() - 1);
            }
            out.add(new Tok(false, text));
            out.add(new Tok(true, inner.strip()));
            i = close + 2;
            if (trimRight) {
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            }
        }
        return out;
    }

    // ---- AST
    private sealed interface Node permits Text, Action, If, Range, With {
    }

    private record Text(String text) implements Node {
    }

    /** A pipeline, optionally declaring ({@code :=}) or assigning ({@code =}) a variable. */
    private record Action(String variable, List<List<String>> pipeline) implements Node {
    }

    private record If(List<List<String>> cond, List<Node> then, List<Node> otherwise) implements Node {
    }

    private record Range(String keyVar, String valueVar, List<List<String>> over, List<Node> body) implements Node {
    }

    private record With(List<List<String>> value, List<Node> body, List<Node> otherwise) implements Node {
    }

    private static final class Parser {
        final List<Tok> toks;
        int pos;

        Parser(List<Tok> toks) {
            this.toks = toks;
        }

        /** Parses until one of the given keywords (not consumed). */
        List<Node> list(List<String> stops) {
            List<Node> out = new ArrayList<>();
            while (pos < toks.size()) {
                Tok t = toks.get(pos);
                if (!t.action()) {
                    out.add(new Text(t.text()));
                    pos++;
                    continue;
                }
                String word = t.text().split("\\s+", 2)[0];
                if (stops.contains(word)) {
                    return out;
                }
                pos++;
                String rest = t.text().substring(word.length()).strip();
                switch (word) {
                    case "if" -> out.add(ifNode(rest));
                    case "range" -> {
                        String keyVar = null;
                        String valueVar = null;
                        int decl = rest.indexOf(":=");
                        if (decl >= 0) {
                            String[] vs = rest.substring(0, decl).split(",");
                            if (vs.length == 2) {
                                keyVar = vs[0].strip();
                                valueVar = vs[1].strip();
                            } else {
                                valueVar = vs[0].strip();
                            }
                            rest = rest.substring(decl + 2).strip();
                        }
                        List<Node> body = list(List.of("end"));
                        expect("end");
                        out.add(new Range(keyVar, valueVar, pipeline(rest), body));
                    }
                    case "with" -> {
                        List<Node> body = list(List.of("else", "end"));
                        List<Node> otherwise = List.of();
                        if (toks.get(pos).text().equals("else")) {
                            pos++;
                            otherwise = list(List.of("end"));
                        }
                        expect("end");
                        out.add(new With(pipeline(rest), body, otherwise));
                    }
                    default -> {
                        String text = t.text();
                        java.util.regex.Matcher m = java.util.regex.Pattern
                                .compile("^(\\$\\w+)\\s*(:=|=)\\s*(.*)$", java.util.regex.Pattern.DOTALL).matcher(text);
                        if (m.matches()) {
                            out.add(new Action(m.group(1), pipeline(m.group(3))));
                        } else {
                            out.add(new Action(null, pipeline(text)));
                        }
                    }
                }
            }
            return out;
        }

        If ifNode(String cond) {
            List<Node> then = list(List.of("else", "end"));
            Tok t = toks.get(pos++);
            if (t.text().equals("end")) {
                return new If(pipeline(cond), then, List.of());
            }
            String rest = t.text().substring(4).strip();
            if (rest.startsWith("if")) {
                return new If(pipeline(cond), then, List.of(ifNode(rest.substring(2).strip())));
            }
            List<Node> otherwise = list(List.of("end"));
            expect("end");
            return new If(pipeline(cond), then, otherwise);
        }

        void expect(String word) {
            if (pos >= toks.size() || !toks.get(pos).text().equals(word)) {
                throw new IllegalArgumentException("expected {{ " + word + " }}");
            }
            pos++;
        }
    }

    /** Splits a pipeline into commands, each a list of operand source texts. */
    private static List<List<String>> pipeline(String src) {
        List<List<String>> cmds = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        int i = 0;
        while (i < src.length()) {
            char ch = src.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '|') {
                cmds.add(cur);
                cur = new ArrayList<>();
                i++;
            } else if (ch == '(') {
                int depth = 0;
                int j = i;
                for (; j < src.length(); j++) {
                    if (src.charAt(j) == '(') {
                        depth++;
                    } else if (src.charAt(j) == ')' && --depth == 0) {
                        break;
                    }
                }
                cur.add(src.substring(i, j + 1));
                i = j + 1;
            } else if (ch == '"') {
                int j = i + 1;
                while (src.charAt(j) != '"') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                cur.add(src.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < src.length() && !Character.isWhitespace(src.charAt(j)) && "|()".indexOf(src.charAt(j)) < 0) {
                    j++;
                }
                cur.add(src.substring(i, j));
                i = j;
            }
        }
        cmds.add(cur);
        return cmds;
    }

    // ---- evaluation
    private void run(List<Node> body, Object dot, Map<String, Object> vars, StringBuilder out) {
        for (Node n : body) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Action a) {
                Object v = eval(a.pipeline(), dot, vars);
                if (a.variable() != null) {
                    vars.put(a.variable(), v);
                } else {
                    out.append(print(v));
                }
            } else if (n instanceof If f) {
                run(truthy(eval(f.cond(), dot, vars)) ? f.then() : f.otherwise(), dot, vars, out);
            } else if (n instanceof With w) {
                Object v = eval(w.value(), dot, vars);
                if (truthy(v)) {
                    run(w.body(), v, vars, out);
                } else {
                    run(w.otherwise(), dot, vars, out);
                }
            } else if (n instanceof Range r) {
                Object over = eval(r.over(), dot, vars);
                if (over instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                        bind(r, e.getKey(), e.getValue(), vars);
                        run(r.body(), e.getValue(), vars, out);
                    }
                } else if (over instanceof Collection<?> c) {
                    int i = 0;
                    for (Object e : c) {
                        bind(r, i++, e, vars);
                        run(r.body(), e, vars, out);
                    }
                } else if (over != null) {
                    throw new IllegalArgumentException("range over " + over.getClass().getSimpleName());
                }
            }
        }
    }

    private static void bind(Range r, Object key, Object value, Map<String, Object> vars) {
        if (r.keyVar() != null) {
            vars.put(r.keyVar(), key);
        }
        if (r.valueVar() != null) {
            vars.put(r.valueVar(), value);
        }
    }

    private Object eval(List<List<String>> pipeline, Object dot, Map<String, Object> vars) {
        Object piped = NONE;
        for (List<String> cmd : pipeline) {
            piped = command(cmd, piped, dot, vars);
        }
        return piped;
    }

    private static final Object NONE = new Object();

    private Object command(List<String> cmd, Object piped, Object dot, Map<String, Object> vars) {
        String head = cmd.get(0);
        if (Character.isLetter(head.charAt(0)) && !head.equals("true") && !head.equals("false")) {
            List<Object> args = new ArrayList<>();
            for (String a : cmd.subList(1, cmd.size())) {
                args.add(operand(a, dot, vars));
            }
            if (piped != NONE) {
                args.add(piped);
            }
            return call(head, args);
        }
        if (cmd.size() != 1 || piped != NONE) {
            throw new IllegalArgumentException("can't give argument to non-function " + head);
        }
        return operand(head, dot, vars);
    }

    private Object operand(String a, Object dot, Map<String, Object> vars) {
        if (a.startsWith("(")) {
            return eval(pipeline(a.substring(1, a.length() - 1)), dot, vars);
        }
        if (a.startsWith("\"")) {
            return a.substring(1, a.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (a.equals("true") || a.equals("false")) {
            return Boolean.parseBoolean(a);
        }
        if (a.matches("-?\\d+")) {
            return Long.parseLong(a);
        }
        Object base;
        String chain;
        if (a.startsWith("$")) {
            int dotAt = a.indexOf('.');
            String name = dotAt < 0 ? a : a.substring(0, dotAt);
            if (!vars.containsKey(name)) {
                throw new IllegalArgumentException("undefined variable " + name);
            }
            base = vars.get(name);
            chain = dotAt < 0 ? "" : a.substring(dotAt);
        } else if (a.startsWith(".")) {
            base = dot;
            chain = a.equals(".") ? "" : a;
        } else {
            throw new IllegalArgumentException("function " + a + " not defined");
        }
        Object v = base;
        for (String f : chain.isEmpty() ? new String[0] : chain.substring(1).split("\\.")) {
            if (v == null) {
                throw new IllegalArgumentException("nil pointer evaluating ." + f);
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("can't evaluate field " + f + " in " + v.getClass().getSimpleName());
            }
            String json = FIELDS.getOrDefault(f, Character.toLowerCase(f.charAt(0)) + f.substring(1));
            v = m.containsKey(f) ? m.get(f) : m.containsKey(json) ? m.get(json) : ZERO.get(f);
        }
        return v;
    }

    private static Object call(String fn, List<Object> args) {
        switch (fn) {
            case "toYaml":
                return toYaml(args.get(0));
            case "indent": {
                String pad = " ".repeat(((Number) args.get(0)).intValue());
                return pad + String.valueOf(args.get(1)).replace("\n", "\n" + pad);
            }
            case "quote":
                return '"' + String.valueOf(args.get(0)).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            case "list":
                return new ArrayList<>(args);
            case "append": {
                List<Object> l = new ArrayList<>(args.get(0) == null ? List.of() : (Collection<?>) args.get(0));
                l.add(args.get(1));
                return l;
            }
            case "len":
                return (long) (args.get(0) == null ? 0 : args.get(0) instanceof Map<?, ?> m ? m.size()
                        : args.get(0) instanceof Collection<?> c ? c.size() : String.valueOf(args.get(0)).length());
            case "gt":
                return ((Number) args.get(0)).longValue() > ((Number) args.get(1)).longValue();
            case "lt":
                return ((Number) args.get(0)).longValue() < ((Number) args.get(1)).longValue();
            case "eq":
                return String.valueOf(args.get(0)).equals(String.valueOf(args.get(1)));
            case "ne":
                return !String.valueOf(args.get(0)).equals(String.valueOf(args.get(1)));
            case "not":
                return !truthy(args.get(0));
            case "and": {
                for (Object a : args) {
                    if (!truthy(a)) {
                        return a;
                    }
                }
                return args.get(args.size() - 1);
            }
            case "or": {
                for (Object a : args) {
                    if (truthy(a)) {
                        return a;
                    }
                }
                return args.get(args.size() - 1);
            }
            default:
                throw new IllegalArgumentException("function " + fn + " not defined");
        }
    }

    /** The operator's toYaml: sigs.k8s.io/yaml (JSON, then YAML; keys sorted), trailing newline removed. */
    static String toYaml(Object v) {
        try {
            return YAML.writeValueAsString(sorted(v)).stripTrailing();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(GoTemplate::sorted).toList();
        }
        return v;
    }

    static boolean truthy(Object v) {
        if (v == null || v == NONE) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private static String print(Object v) {
        if (v == null) {
            return "<no value>";
        }
        return String.valueOf(v);
    }

    /** @return a map copy with insertion order, for building data */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
