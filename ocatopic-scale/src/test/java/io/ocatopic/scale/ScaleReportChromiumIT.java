package io.ocatopic.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.testing.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Opens a real scale report in headless Chromium: no console errors, charts drawn, screenshot kept. */
class ScaleReportChromiumIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path OUT = Path.of("target", "scale-chromium").toAbsolutePath();

    @Test
    void reportOpensWithoutConsoleErrorsAndDrawsItsCharts() throws Exception {
        RealEnvironment.requireExecutable(CHROMIUM);
        ScaleReport report;
        try (EmbeddedApi api = EmbeddedApi.start()) {
            report = ScaleHarness.of(api.client(), ScaleSources.acm(),
                    ScaleConfig.builder().runId("chromium").spokes(100).concurrency(4).build()).run();
        }
        ScaleReport.Written files = report.writeTo(OUT);
        Path screenshot = OUT.resolve("report.png");
        Files.deleteIfExists(screenshot);

        Result shot = chromium("--enable-logging=stderr", "--v=0", "--screenshot=" + screenshot,
                "--window-size=1280,1600", files.html().toUri().toString());
        System.out.println("scale report screenshot: " + screenshot);
        assertEquals(0, shot.rc, shot.stderr);
        assertTrue(Files.size(screenshot) > 10_000, "screenshot written: " + screenshot);
        List<String> consoleErrors = new ArrayList<>();
        for (String line : shot.stderr.split("\n")) {
            if (line.contains("CONSOLE") || line.contains("Uncaught")) {
                consoleErrors.add(line);
            }
        }
        assertEquals(List.of(), consoleErrors, "console messages of the report page");

        Result dom = chromium("--dump-dom", files.html().toUri().toString());
        assertEquals(0, dom.rc, dom.stderr);
        assertTrue(dom.stdout.contains("data-rendered=\"ok\""), "the script finished drawing: "
                + dom.stdout.substring(0, Math.min(600, dom.stdout.length())));
        assertTrue(dom.stdout.contains("id=\"errors\" class=\"err\"></div>"), "no script error shown");
        assertTrue(count(dom.stdout, "<rect [^>]*class=\"bar\"") >= 6, "histogram bars drawn");
        assertEquals(3, count(dom.stdout, "<polyline [^>]*class=\"series\""), "one throughput line per phase");
        assertEquals(4, count(dom.stdout, "<tr>"), "summary table: header and three phases");
    }

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private record Result(int rc, String stdout, String stderr) {
    }

    private static Result chromium(String... args) throws Exception {
        Path profile = Files.createTempDirectory("ocatopic-chromium-");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(OUT, "chromium", ".out");
        Path err = Files.createTempFile(OUT, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
