package io.ocatopic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public API of every library module against its checked-in baseline, {@code api/<module>.api} at the
 * repository root. A change to a public signature fails here until the baseline is updated in the same
 * commit: run {@code mvn -pl examples test -Dtest=ApiBaselineTest -Docatopic.api.update=true} and commit
 * the changed {@code api/*.api} files with the change.
 */
class ApiBaselineTest {
    static final List<String> MODULES = List.of("ocatopic-core", "native-bindings", "kube-support", "ocatopic-testing", "ztp-core", "kmm-core", "dpu-core", "gpu-core", "ocatopic-scale");
    private static final Path ROOT = Path.of("..");

    @Test
    void everyModulesPublicApiMatchesItsBaseline() throws Exception {
        boolean update = Boolean.getBoolean("ocatopic.api.update");
        List<String> failures = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (String m : MODULES) {
            Path classes = ROOT.resolve(m).resolve("target/classes");
            assertTrue(Files.isDirectory(classes), m + " is not built: " + classes);
            List<String> now = ApiSignatures.of(classes, getClass().getClassLoader());
            Path baseline = ROOT.resolve("api").resolve(m + ".api");
            long types = now.stream().filter(l -> l.contains(" : ") && !l.substring(0, l.indexOf(" : ")).contains("$")).count();
            summary.append(m).append(": ").append(types).append(" public top-level types; ");
            if (update) {
                Files.createDirectories(baseline.getParent());
                Files.write(baseline, now);
                continue;
            }
            List<String> was = Files.exists(baseline) ? Files.readAllLines(baseline) : List.of();
            List<String> diff = ApiSignatures.diff(was, now);
            if (!diff.isEmpty()) {
                failures.add(m + " public API differs from api/" + m + ".api (" + diff.size() + " lines):\n  "
                        + String.join("\n  ", diff.subList(0, Math.min(diff.size(), 40))));
            }
        }
        System.out.println("API: " + summary);
        assertEquals(List.of(), failures, "a public API changed without its baseline: if deliberate, run "
                + "mvn -pl examples test -Dtest=ApiBaselineTest -Docatopic.api.update=true and commit api/*.api");
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
        List<String> leaks = new ArrayList<>();
        for (String m : MODULES) {
            Path classes = ROOT.resolve(m).resolve("target/classes");
            assertTrue(Files.exists(classes.resolve("module-info.class")), m + " has no module-info");
            for (String line : ApiSignatures.of(classes, getClass().getClassLoader())) {
                if (line.contains(".internal.")) {
                    leaks.add(m + ": " + line);
                }
            }
        }
        assertEquals(List.of(), leaks, "an exported type's public signature names an internal type");
    }

    /** A scratch API, before and after one signature change. */
    public static final class ScratchV1 {
        /** @param name a name @return it */
        public String greet(String name) {
            return name;
        }
    }

    /** The same scratch API with one parameter type changed. */
    public static final class ScratchV2 {
        /** @param name a name @return it */
        public String greet(CharSequence name) {
            return name.toString();
        }
    }

    @Test
    void theCheckBitesOnAChangedSignature() {
        List<String> v1 = ApiSignatures.of(ScratchV1.class).stream().map(l -> l.replace("ScratchV1", "Scratch")).toList();
        List<String> v2 = ApiSignatures.of(ScratchV2.class).stream().map(l -> l.replace("ScratchV2", "Scratch")).toList();
        List<String> diff = ApiSignatures.diff(v1, v2);
        assertEquals(List.of(
                "- io.ocatopic.api.ApiBaselineTest$Scratch public java.lang.String greet(java.lang.String)",
                "+ io.ocatopic.api.ApiBaselineTest$Scratch public java.lang.String greet(java.lang.CharSequence)"), diff);
        assertEquals(List.of(), ApiSignatures.diff(v1, v1));
    }
}
