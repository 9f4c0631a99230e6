package io.ocatopic.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns every {@code ```java} block of README.md into a class of the consumer project: the block's
 * {@code import} lines become the class's imports, the rest the body of {@code static void run()}. A block
 * whose first statement line is {@code // compile only: WHY} is compiled but not run (it needs a cluster,
 * a registry, a container engine, a DPU). {@code readme.RunReadme} runs the others in order.
 *
 * <p>Also a program: {@code java ReadmeSnippets.java README.md OUT_DIR} (for editing the README).
 */
public final class ReadmeSnippets {
    /** One Java block of the README. */
    record Block(int number, int line, List<String> imports, List<String> body, String compileOnly) {
    }

    private ReadmeSnippets() {
    }

    /**
     * Reads the Java blocks.
     *
     * @param readme the README text
     * @return the blocks, in order
     */
    static List<Block> blocks(String readme) {
        List<Block> out = new ArrayList<>();
        List<String> lines = readme.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            int start = i + 1;
            List<String> imports = new ArrayList<>();
            List<String> body = new ArrayList<>();
            String compileOnly = null;
            for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                String l = lines.get(i);
                if (l.startsWith("import ")) {
                    imports.add(l);
                } else if (body.stream().allMatch(String::isBlank) && l.strip().startsWith("// compile only:")) {
                    compileOnly = l.strip().substring("// compile only:".length()).strip();
                    body.add(l);
                } else {
                    body.add(l);
                }
            }
            out.add(new Block(out.size() + 1, start, imports, body, compileOnly));
        }
        return out;
    }

    /**
     * Writes {@code readme/Block<N>.java} and {@code readme/RunReadme.java} under a source root.
     *
     * @param readme  the README text
     * @param srcRoot the consumer's {@code src/main/java}
     * @return the blocks written
     * @throws IOException when a file cannot be written
     */
    static List<Block> write(String readme, Path srcRoot) throws IOException {
        List<Block> blocks = blocks(readme);
        Path pkg = Files.createDirectories(srcRoot.resolve("readme"));
        StringBuilder runner = new StringBuilder("package readme;\n\n/** Runs the README's Java blocks in order. */\n"
                + "public final class RunReadme {\n    private RunReadme() {\n    }\n\n"
                + "    /** @param args none @throws Exception when a block fails */\n"
                + "    public static void main(String[] args) throws Exception {\n");
        for (Block b : blocks) {
            StringBuilder src = new StringBuilder("package readme;\n\n");
            b.imports().forEach(l -> src.append(l).append('\n'));
            src.append("\n/** README.md, Java block ").append(b.number()).append(" (line ").append(b.line()).append("). */\n")
                    .append("public final class Block").append(b.number()).append(" {\n    private Block").append(b.number())
                    .append("() {\n    }\n\n    /** @throws Exception when it fails */\n")
                    .append("    public static void run() throws Exception {\n");
            b.body().forEach(l -> src.append(l.isBlank() ? "" : "        " + l).append('\n'));
            src.append("    }\n}\n");
            Files.writeString(pkg.resolve("Block" + b.number() + ".java"), src.toString(), StandardCharsets.UTF_8);
            if (b.compileOnly() != null) {
                runner.append("        System.out.println(\"README block ").append(b.number()).append(": compile only (")
                        .append(b.compileOnly().replace("\\", "\\\\").replace("\"", "\\\"")).append(")\");\n");
            } else {
                runner.append("        Block").append(b.number()).append(".run();\n        System.out.println(\"README block ")
                        .append(b.number()).append(": ran\");\n");
            }
        }
        runner.append("    }\n}\n");
        Files.writeString(pkg.resolve("RunReadme.java"), runner.toString(), StandardCharsets.UTF_8);
        return blocks;
    }

    /**
     * Writes the blocks of a README into a source root.
     *
     * @param args README path, source root
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        List<Block> b = write(Files.readString(Path.of(args[0])), Path.of(args[1]));
        System.out.println(b.size() + " blocks, " + b.stream().filter(x -> x.compileOnly() != null).count() + " compile only");
    }
}
