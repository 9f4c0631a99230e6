package io.ocatopic.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public API of compiled classes as sorted text lines, one per public or protected type, constructor,
 * method and field (generic signatures included), in the spirit of OkHttp's {@code okhttp.api} files: a
 * baseline checked into the repository, which a change to the API must update in the same commit.
 */
final class ApiSignatures {
    private ApiSignatures() {
    }

    /**
     * The packages a module exports to everyone, read from its compiled {@code module-info.class}; a module
     * without one exports every package.
     */
    static java.util.Set<String> exportedPackages(Path classes) {
        java.util.Optional<java.lang.module.ModuleReference> ref = java.lang.module.ModuleFinder.of(classes).findAll()
                .stream().findFirst();
        if (ref.isEmpty() || ref.get().descriptor().isAutomatic()) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (java.lang.module.ModuleDescriptor.Exports e : ref.get().descriptor().exports()) {
            if (!e.isQualified()) {
                out.add(e.source());
            }
        }
        return out;
    }

    /**
     * The API lines of every public top-level class in the exported packages of a {@code target/classes}
     * folder (every package when it has no {@code module-info}).
     */
    static List<String> of(Path classes, ClassLoader loader) {
        java.util.Set<String> exported = exportedPackages(classes);
        boolean all = !Files.exists(classes.resolve("module-info.class"));
        TreeSet<String> lines = new TreeSet<>();
        try (Stream<Path> s = Files.walk(classes)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                String rel = classes.relativize(f).toString();
                if (rel.contains("$") || rel.endsWith("module-info.class") || rel.endsWith("package-info.class")) {
                    continue;
                }
                String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                Class<?> c;
                try {
                    c = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + name, e);
                }
                if (Modifier.isPublic(c.getModifiers()) && (all || exported.contains(c.getPackageName()))) {
                    lines.addAll(of(c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(lines);
    }

    /** The API lines of one public type and its public nested types. */
    static List<String> of(Class<?> c) {
        List<String> out = new ArrayList<>();
        String t = c.getName();
        StringBuilder head = new StringBuilder(t).append(" : ").append(Modifier.toString(c.getModifiers()
                & (Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC | Modifier.INTERFACE)));
        head.append(c.isRecord() ? " record" : c.isEnum() ? " enum" : c.isInterface() ? "" : " class");
        if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
            head.append(" extends ").append(c.getGenericSuperclass().getTypeName());
        }
        if (c.getGenericInterfaces().length > 0) {
            head.append(" implements ").append(String.join(", ",
                    Arrays.stream(c.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName).sorted().toList()));
        }
        out.add(head.toString());
        if (c.isRecord()) {
            out.add(t + " components(" + String.join(", ", Arrays.stream(c.getRecordComponents())
                    .map(r -> r.getGenericType().getTypeName() + " " + r.getName()).toList()) + ")");
        }
        if (c.isEnum()) {
            for (Object constant : c.getEnumConstants()) {
                out.add(t + " constant " + ((Enum<?>) constant).name());
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers()) && !k.isSynthetic()) {
                out.add(t + " " + k.toGenericString().replace(t + "(", "<init>("));
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !isEnumBoilerplate(c, m)) {
                out.add(t + " " + m.toGenericString().replace(t + ".", ""));
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic() && !f.isEnumConstant()) {
                out.add(t + " field " + f.toGenericString().replace(t + ".", ""));
            }
        }
        for (Class<?> n : c.getDeclaredClasses()) {
            if (visible(n.getModifiers())) {
                out.addAll(of(n));
            }
        }
        return out;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean isEnumBoilerplate(Class<?> c, Method m) {
        return c.isEnum() && (m.getName().equals("values") || m.getName().equals("valueOf"));
    }

    /** The lines only in {@code baseline} (prefixed {@code -}) and only in {@code now} ({@code +}). */
    static List<String> diff(List<String> baseline, List<String> now) {
        TreeSet<String> removed = new TreeSet<>(baseline);
        now.forEach(removed::remove);
        TreeSet<String> added = new TreeSet<>(now);
        baseline.forEach(added::remove);
        List<String> out = new ArrayList<>();
        removed.forEach(l -> out.add("- " + l));
        added.forEach(l -> out.add("+ " + l));
        return out;
    }

}
