package io.ocatopic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer on the module path sees only the API packages: a module that {@code requires} every ocatopic
 * module compiles against each exported package, and fails with "not visible" on each internal package.
 * The compiler is javac itself (javax.tools), the modules are the built {@code target/classes} with their
 * {@code module-info.class}, and the third-party jars each module {@code requires} are on the module path
 * (the rest, e.g. CEL and fabric8's split model jars, on the class path, read through {@code --add-reads}
 * as module-info documents).
 */
class ModuleBoundaryTest {
    private static final Path ROOT = Path.of("..");
    private static final Map<String, Path> OURS = new LinkedHashMap<>();
    private static final Map<String, List<String>> EXPORTED = new HashMap<>();
    private static final Map<String, List<String>> INTERNAL = new HashMap<>();
    private static String modulePath;
    private static String classPath;

    @BeforeAll
    static void resolve() throws IOException {
        Map<String, ModuleDescriptor> descriptors = new HashMap<>();
        for (String m : ApiBaselineTest.MODULES) {
            Path classes = ROOT.resolve(m).resolve("target/classes");
            ModuleReference ref = ModuleFinder.of(classes).findAll().iterator().next();
            ModuleDescriptor d = ref.descriptor();
            assertFalse(d.isAutomatic(), m + " has no module-info");
            OURS.put(d.name(), classes);
            descriptors.put(d.name(), d);
            List<String> exported = new ArrayList<>();
            d.exports().stream().filter(e -> !e.isQualified()).forEach(e -> exported.add(e.source()));
            EXPORTED.put(d.name(), exported);
            List<String> internal = new ArrayList<>();
            for (String p : d.packages()) {
                if (p.contains(".internal") && hasPublicClass(classes, p)) {
                    internal.add(p);
                }
            }
            INTERNAL.put(d.name(), internal);
        }
        // third-party jars: on the module path when some module of ours needs them (transitively)
        Map<String, Path> jars = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!entry.endsWith(".jar") || entry.contains("ocatopic")) {
                continue;
            }
            try {
                for (ModuleReference r : ModuleFinder.of(p).findAll()) {
                    jars.putIfAbsent(r.descriptor().name(), p);
                    descriptors.putIfAbsent(r.descriptor().name(), r.descriptor());
                }
            } catch (FindException e) {
                rest.add(entry);
            }
        }
        Set<String> needed = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(OURS.keySet());
        while (!todo.isEmpty()) {
            ModuleDescriptor d = descriptors.get(todo.pop());
            if (d == null) {
                continue;
            }
            for (ModuleDescriptor.Requires r : d.requires()) {
                if (!r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC) && jars.containsKey(r.name())
                        && needed.add(r.name())) {
                    todo.push(r.name());
                }
            }
        }
        List<String> mp = new ArrayList<>();
        OURS.values().forEach(p -> mp.add(p.toString()));
        needed.forEach(n -> mp.add(jars.get(n).toString()));
        jars.forEach((n, p) -> {
            if (!needed.contains(n)) {
                rest.add(p.toString());
            }
        });
        modulePath = String.join(File.pathSeparator, mp);
        classPath = String.join(File.pathSeparator, rest);
    }

    private static boolean hasPublicClass(Path classes, String pkg) throws IOException {
        Path dir = classes.resolve(pkg.replace('.', '/'));
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.toString().endsWith(".class") && !f.toString().contains("$")
                    && !f.getFileName().toString().equals("package-info.class"));
        }
    }

    private static String firstClass(String module, String pkg) throws IOException {
        Path dir = OURS.get(module).resolve(pkg.replace('.', '/'));
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                String n = f.getFileName().toString();
                if (!n.endsWith(".class") || n.contains("$") || n.equals("package-info.class")) {
                    continue;
                }
                String cn = pkg + "." + n.substring(0, n.length() - ".class".length());
                try {
                    if (java.lang.reflect.Modifier.isPublic(Class.forName(cn, false,
                            ModuleBoundaryTest.class.getClassLoader()).getModifiers())) {
                        return cn;
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable here: try the next
                }
            }
        }
        return null;
    }

    /** Compiles a consumer module; returns javac's diagnostics, empty when it compiled. */
    private static String compile(Path dir, String body) throws IOException {
        StringBuilder requires = new StringBuilder();
        OURS.keySet().forEach(m -> requires.append("  requires ").append(m).append(";\n"));
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"), "module consumer {\n" + requires + "}\n");
        Files.writeString(src.resolve("consumer/Use.java"), "package consumer;\n" + body);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("out").toString(), "--module-path", modulePath,
                "-Xlint:-options", "-implicit:none", "-proc:none"));
        if (!classPath.isEmpty()) {
            args.addAll(List.of("--class-path", classPath));
        }
        OURS.keySet().forEach(m -> args.addAll(List.of("--add-reads", m + "=ALL-UNNAMED")));
        args.add(src.resolve("module-info.java").toString());
        args.add(src.resolve("consumer/Use.java").toString());
        int rc = javac.run(null, out, out, args.toArray(String[]::new));
        return rc == 0 ? "" : out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aConsumerReachesEveryExportedPackage(@TempDir Path dir) throws IOException {
        StringBuilder body = new StringBuilder("public class Use {\n  public static Object[] all() {\n    return new Object[] {\n");
        int n = 0;
        for (Map.Entry<String, List<String>> e : EXPORTED.entrySet()) {
            assertFalse(e.getValue().isEmpty(), e.getKey() + " exports nothing");
            for (String pkg : e.getValue()) {
                String c = firstClass(e.getKey(), pkg);
                if (c != null) {
                    body.append("      ").append(c).append(".class,\n");
                    n++;
                }
            }
        }
        body.append("    };\n  }\n}\n");
        assertTrue(n >= OURS.size(), "too few API classes found: " + n);
        assertEquals("", compile(dir, body.toString()), "a consumer on the module path cannot use the API");
    }

    @Test
    void aConsumerCannotReachAnyInternalPackage(@TempDir Path dir) throws IOException {
        int checked = 0;
        for (Map.Entry<String, List<String>> e : INTERNAL.entrySet()) {
            for (String pkg : e.getValue()) {
                String c = firstClass(e.getKey(), pkg);
                if (c == null) {
                    continue;
                }
                Path d = dir.resolve("c" + checked++);
                String errors = compile(d, "public class Use {\n  public static Object one() { return " + c + ".class; }\n}\n");
                // javac says "is not visible" (or "does not exist" when no module readable by the consumer has it)
                assertTrue(errors.contains(pkg) && (errors.contains("is not visible") || errors.contains("does not export")
                        || errors.contains("does not exist")),
                        c + " (module " + e.getKey() + ") is reachable from a consumer on the module path: " + errors);
            }
        }
        assertTrue(checked > 0, "no internal package found");
        System.out.println("module boundary: " + checked + " internal packages unreachable from a consumer");
    }
}
