package io.ocatopic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a vendor gets it. From a copy of the sources (this checkout without build output), a
 * second build runs {@code mvn deploy} of the parent, the BOM and every library module to a file
 * repository; its jars (main, -sources, -javadoc, -tests) must be byte-identical to this build's (reproducible
 * builds: {@code project.build.outputTimestamp}). Then {@code it/consumer}, a project that imports only the
 * BOM and names the modules it uses, with README.md's Java blocks as its sources, builds against that
 * repository with a local repository that holds no ocatopic artifact, and runs the blocks not marked
 * {@code // compile only}. The Java examples in the entry types' Javadoc ({@link JavadocSnippets}) are
 * compiled in the same build.
 */
class ConsumerIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The version this build makes (failsafe passes it); the consumer builds against the same. */
    private static final String VERSION = System.getProperty("ocatopic.version", "0.1.0-SNAPSHOT");
    /** The published library modules (with the parent and the BOM). */
    static final List<String> LIBRARIES = List.of("ocatopic-core", "native-bindings", "kube-support", "ocatopic-testing",
            "ztp-core", "kmm-core", "dpu-core", "gpu-core", "ocatopic-scale");
    private static final Set<String> NOT_COPIED = Set.of(".git", "target", ".devcarry", "node_modules");

    @Test
    void aConsumerBuildsAgainstTheDeployedArtifactsAndTheJarsAreReproducible(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        copyTree(ROOT, src);
        Path repo = tmp.resolve("repo");
        long t0 = System.nanoTime();
        List<String> deploy = new ArrayList<>(List.of(mvn(), "-B", "-q", "deploy", "-DskipTests",
                "-Dmaven.install.skip=true",
                "-DaltDeploymentRepository=ci::default::" + repo.toUri(), "-pl", ":ocatopic-parent,bom," + String.join(",", LIBRARIES)));
        run(src, deploy);
        System.out.printf("consumer IT: deploy from a copy of the sources: %.0f s%n", (System.nanoTime() - t0) / 1e9);

        // reproducible: every jar of the second build equals this build's
        List<String> differ = new ArrayList<>();
        int compared = 0;
        for (String m : LIBRARIES) {
            Path dir = repo.resolve("io/ocatopic").resolve(m).resolve(VERSION);
            assertTrue(Files.isDirectory(dir), "not deployed: " + dir);
            for (String classifier : List.of("-sources", "-javadoc")) {
                // what a repository manager (Maven Central's rules) wants beside every jar
                assertTrue(Files.exists(deployedJar(dir, m, classifier)), m + ": no " + classifier + " jar deployed");
            }
            for (String classifier : List.of("", "-sources", "-javadoc", "-tests")) {
                Path ours = ROOT.resolve(m).resolve("target").resolve(m + "-" + VERSION + classifier + ".jar");
                if (!Files.exists(ours)) {
                    assertFalse(classifier.isEmpty(), "run after package: no " + ours);
                    continue;
                }
                Path deployed = deployedJar(dir, m, classifier);
                compared++;
                String a = sha256(ours);
                String b = sha256(deployed);
                if (!a.equals(b)) {
                    differ.add(ours.getFileName() + " " + a + " != " + deployed.getFileName() + " " + b);
                }
            }
        }
        System.out.println("consumer IT: " + compared + " jars compared with the deployed ones, " + differ.size() + " differ");
        assertEquals(List.of(), differ, "two builds of the same sources gave different jars");
        // and the shipped jars carry no credentials: no private key, no registry auth, in any class or resource
        List<String> secrets = new ArrayList<>();
        for (String m : LIBRARIES) {
            secrets.addAll(credentialsIn(ROOT.resolve(m).resolve("target").resolve(m + "-" + VERSION + ".jar")));
        }
        assertEquals(List.of(), secrets, "a library jar ships a credential");

        // the consumer: the BOM and the modules it names, nothing else; no ocatopic artifact in its local repo
        Path consumer = tmp.resolve("consumer");
        copyTree(ROOT.resolve("it/consumer"), consumer);
        List<ReadmeSnippets.Block> blocks = ReadmeSnippets.write(Files.readString(ROOT.resolve("README.md")),
                consumer.resolve("src/main/java"));
        // and every Java example in the entry types' Javadoc, compiled (not run) beside them
        List<JavadocSnippets.Snippet> examples = JavadocSnippets.write(ROOT, consumer.resolve("src/main/java"));
        Path localRepo = seedLocalRepository(tmp.resolve("m2"));
        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <profiles><profile><id>deployed</id><repositories><repository>
                    <id>ocatopic-deployed</id><url>%s</url>
                    <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
                  </repository></repositories></profile></profiles>
                  <activeProfiles><activeProfile>deployed</activeProfile></activeProfiles>
                </settings>
                """.formatted(repo.toUri()));
        long t1 = System.nanoTime();
        List<String> build = new ArrayList<>(List.of(mvn(), "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepo, "-Docatopic.version=" + VERSION, "verify"));
        String out = run(consumer, build);
        System.out.printf("consumer IT: consumer build and README run: %.0f s%n", (System.nanoTime() - t1) / 1e9);
        for (ReadmeSnippets.Block b : blocks) {
            String expected = "README block " + b.number() + ": " + (b.compileOnly() == null ? "ran" : "compile only");
            assertTrue(out.contains(expected), expected + "\n" + tail(out));
        }
        System.out.println("consumer IT: " + blocks.size() + " README blocks compiled, "
                + blocks.stream().filter(b -> b.compileOnly() == null).count() + " ran; " + examples.size()
                + " Javadoc examples of " + JavadocSnippets.GIVEN.size() + " entry types compiled");
        assertTrue(Files.exists(consumer.resolve("target/classes/javadoc/" + examples.get(0).type() + "_1.class")),
                "the Javadoc examples were not compiled");
        // and it resolved ocatopic from the deployed repository
        try (Stream<Path> s = Files.list(localRepo.resolve("io/ocatopic/ztp-core").resolve(VERSION))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().contains("ocatopic-deployed")),
                    "ztp-core did not come from the deployed repository");
        }
    }

    /** Entries of a jar holding a PEM private key or a non-empty registry {@code auth} value. */
    static List<String> credentialsIn(Path jar) throws IOException {
        java.util.regex.Pattern credential = java.util.regex.Pattern.compile(
                "PRIVATE KEY-----|\\\\?\"auth\\\\?\"\\s*:\\s*\\\\?\"[A-Za-z0-9+/=]{4,}");
        List<String> found = new ArrayList<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                try (java.io.InputStream in = zip.getInputStream(e)) {
                    String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (credential.matcher(text).find()) {
                        found.add(jar.getFileName() + "!/" + e.getName());
                    }
                }
            }
        }
        return found;
    }

    private static Path deployedJar(Path dir, String m, String classifier) throws IOException {
        // a deployed snapshot is m-<version without -SNAPSHOT>-<yyyyMMdd.HHmmss>-<build>[classifier].jar
        String base = VERSION.replace("-SNAPSHOT", "");
        java.util.regex.Pattern name = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(m + "-" + base)
                + "-\\d{8}\\.\\d{6}-\\d+" + java.util.regex.Pattern.quote(classifier) + "\\.jar");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> jars = s.filter(p -> name.matcher(p.getFileName().toString()).matches()).sorted().toList();
            assertFalse(jars.isEmpty(), "no deployed " + m + classifier + ".jar in " + dir);
            return jars.get(jars.size() - 1);
        }
    }

    /** A local repository with everything of the user's except ocatopic's own artifacts (links, not copies). */
    private static Path seedLocalRepository(Path seeded) throws IOException {
        Path real = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Files.createDirectories(seeded.resolve("io"));
        try (Stream<Path> top = Files.list(real)) {
            for (Path p : top.toList()) {
                if (!p.getFileName().toString().equals("io")) {
                    Files.createSymbolicLink(seeded.resolve(p.getFileName().toString()), p);
                }
            }
        }
        if (Files.isDirectory(real.resolve("io"))) {
            try (Stream<Path> io = Files.list(real.resolve("io"))) {
                for (Path p : io.toList()) {
                    if (!p.getFileName().toString().equals("ocatopic")) {
                        Files.createSymbolicLink(seeded.resolve("io").resolve(p.getFileName().toString()), p);
                    }
                }
            }
        }
        return seeded;
    }

    private static String mvn() {
        String home = System.getProperty("maven.home");
        return home != null && Files.isExecutable(Path.of(home, "bin", "mvn")) ? Path.of(home, "bin", "mvn").toString() : "mvn";
    }

    private static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("consumer-it", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done && p.exitValue() == 0, String.join(" ", cmd) + " in " + dir + " failed:\n" + tail(out));
        return out;
    }

    private static String tail(String out) {
        return out.length() > 6000 ? out.substring(out.length() - 6000) : out;
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
