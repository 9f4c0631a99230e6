package io.ocatopic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public API member has a summary sentence: the sources of each library module's exported packages
 * (the unqualified {@code exports} of its {@code module-info.java}; never an {@code ...internal} package)
 * are parsed with javac, and every public or protected type, constructor, method, field and enum constant
 * of a public type (interface members are public) must carry a doc comment whose first sentence, the
 * summary javadoc shows in its member tables, is not empty. A comment of block tags alone (only an
 * {@code @return} or {@code @param}) has an empty summary and fails. Allowed: a comment that is {@code {@inheritDoc}}, and an {@code @Override}
 * method with no comment (javadoc copies the overridden summary). Members the compiler generates (record
 * accessors not written out, enum {@code values()}/{@code valueOf}, default constructors) are not in the
 * source and are not checked.
 */
class ApiJavadocTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern EXPORTS = Pattern.compile("\\bexports\\s+([\\w.]+)\\s*;");

    /** What one run of the checker saw: how many members it checked and the ones without a summary. */
    record Result(int checked, List<String> missing) {
    }

    @Test
    void everyPublicApiMemberHasASummarySentence() throws IOException {
        int checked = 0;
        List<String> missing = new ArrayList<>();
        for (String m : ApiBaselineTest.MODULES) {
            Path module = ROOT.resolve(m);
            Path src = module.resolve("src/main/java");
            String info = Files.readString(src.resolve("module-info.java"));
            Matcher exports = EXPORTS.matcher(info.replaceAll("(?s)/\\*.*?\\*/|//[^\n]*", ""));
            List<Path> files = new ArrayList<>();
            while (exports.find()) {
                String pkg = exports.group(1);
                assertTrue(!pkg.contains(".internal"), m + " exports an internal package to everyone: " + pkg);
                Path dir = src.resolve(pkg.replace('.', '/'));
                assertTrue(Files.isDirectory(dir), m + ": no sources for exported package " + pkg);
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(p -> p.toString().endsWith(".java"))
                            .sorted()
                            .forEach(files::add);
                }
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
                Map<URI, String> labels = files.stream().collect(Collectors.toMap(
                        p -> p.toAbsolutePath().normalize().toUri(), p -> label(module, p)));
                Result r = check(javac, fm.getJavaFileObjectsFromPaths(files),
                        f -> labels.getOrDefault(f.toUri().normalize(), f.getName()));
                checked += r.checked();
                missing.addAll(r.missing());
            }
        }
        System.out.println("api javadoc: " + checked + " members checked");
        assertTrue(checked > 0, "no API members found");
        assertEquals("", String.join("\n", missing),
                missing.size() + " public API members have no summary sentence (a doc comment whose first sentence "
                        + "says what the member is or does)");
    }

    @Test
    void theCheckBitesOnATagOnlyComment() throws IOException {
        String source = """
                package scratch;

                /** A scratch type. */
                public class Scratch {
                    /** @return a name */
                    public String name() {
                        return "n";
                    }

                    /**
                     * Returns a size.
                     *
                     * @return a size
                     */
                    public int size() {
                        return 1;
                    }

                    /** {@inheritDoc} */
                    @Override
                    public String toString() {
                        return "s";
                    }

                    @Override
                    public int hashCode() {
                        return 1;
                    }

                    public static final int LIMIT = 3;

                    /** @param x an x */
                    protected Scratch(int x) {
                    }

                    private void hidden() {
                    }

                    /** A nested value. */
                    public record Pair(int a, int b) {
                        public Pair {
                        }
                    }

                    /** Colours. */
                    public enum Colour {
                        /** Red. */
                        RED,
                        GREEN
                    }

                    /** An interface. */
                    public interface Shape {
                        double area();
                    }

                    static class Hidden {
                        public void notApi() {
                        }
                    }
                }
                """;
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///scratch/Scratch.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        Result r = check(ToolProvider.getSystemJavaCompiler(), List.of(file), f -> "scratch/Scratch.java");
        assertEquals(List.of(
                "scratch/Scratch.java: Scratch.name()",
                "scratch/Scratch.java: Scratch.LIMIT",
                "scratch/Scratch.java: Scratch.Scratch(int)",
                "scratch/Scratch.java: Scratch.Pair.Pair(int, int)",
                "scratch/Scratch.java: Scratch.Colour.GREEN",
                "scratch/Scratch.java: Scratch.Shape.area()"), r.missing());
        // Scratch, name, size, toString, LIMIT, Scratch(int), Pair, Pair(), Colour, RED, GREEN, Shape, area
        assertEquals(13, r.checked());
    }

    private static String label(Path module, Path file) {
        return module.getFileName() + "/" + module.relativize(file).toString().replace('\\', '/');
    }

    /** Parses the files (no attribution, so no class path) and checks every API member's summary. */
    static Result check(JavaCompiler javac, Iterable<? extends JavaFileObject> files,
            java.util.function.Function<JavaFileObject, String> label) throws IOException {
        JavacTask task = (JavacTask) javac.getTask(null, null, null, List.of("-proc:none"), null, files);
        DocTrees docs = DocTrees.instance(task);
        int[] checked = {0};
        List<String> missing = new ArrayList<>();
        for (CompilationUnitTree unit : task.parse()) {
            String where = label.apply(unit.getSourceFile());
            TreePath unitPath = new TreePath(unit);
            for (Tree t : unit.getTypeDecls()) {
                if (t instanceof ClassTree c && c.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
                    checkType(docs, new TreePath(unitPath, c), c.getSimpleName().toString(), where, checked, missing);
                }
            }
        }
        return new Result(checked[0], missing);
    }

    private static void checkType(DocTrees docs, TreePath path, String name, String where, int[] checked,
            List<String> missing) {
        ClassTree type = (ClassTree) path.getLeaf();
        checkOne(docs, path, name, where, checked, missing);
        boolean iface = type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
        for (Tree member : type.getMembers()) {
            TreePath mp = new TreePath(path, member);
            if (member instanceof ClassTree c) {
                if (visible(c.getModifiers(), iface)) {
                    checkType(docs, mp, name + "." + c.getSimpleName(), where, checked, missing);
                }
            } else if (member instanceof MethodTree m) {
                if (!visible(m.getModifiers(), iface)) {
                    continue;
                }
                boolean ctor = m.getName().contentEquals("<init>");
                String params = m.getParameters().stream().map(p -> p.getType().toString()).collect(Collectors.joining(", "));
                String id = name + "." + (ctor ? type.getSimpleName() : m.getName()) + "(" + params + ")";
                if (docs.getDocCommentTree(mp) == null && overrides(m.getModifiers())) {
                    continue;
                }
                checkOne(docs, mp, id, where, checked, missing);
            } else if (member instanceof VariableTree v) {
                if (visible(v.getModifiers(), iface)) {
                    checkOne(docs, mp, name + "." + v.getName(), where, checked, missing);
                }
            }
        }
    }

    private static boolean visible(ModifiersTree mods, boolean inInterface) {
        Set<Modifier> flags = mods.getFlags();
        return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                || (inInterface && !flags.contains(Modifier.PRIVATE));
    }

    private static boolean overrides(ModifiersTree mods) {
        for (AnnotationTree a : mods.getAnnotations()) {
            String n = a.getAnnotationType().toString();
            if (n.equals("Override") || n.equals("java.lang.Override")) {
                return true;
            }
        }
        return false;
    }

    private static void checkOne(DocTrees docs, TreePath path, String id, String where, int[] checked,
            List<String> missing) {
        checked[0]++;
        DocCommentTree doc = docs.getDocCommentTree(path);
        if (doc == null || !hasSummary(doc.getFirstSentence())) {
            missing.add(where + ": " + id);
        }
    }

    private static boolean hasSummary(List<? extends DocTree> firstSentence) {
        for (DocTree d : firstSentence) {
            if (d.getKind() == DocTree.Kind.INHERIT_DOC) {
                return true;
            }
            if (!(d instanceof TextTree text) || !text.getBody().isBlank()) {
                return true;
            }
        }
        return false;
    }
}
