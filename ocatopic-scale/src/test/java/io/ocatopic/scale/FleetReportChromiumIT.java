package io.ocatopic.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kube.testing.RealEnvironment;
import io.ocatopic.testing.EmbeddedApi;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opens a real fleet report (ramp, steady, rollout on the embedded API) in headless Chromium and checks, in
 * the DOM the page's script built, that it finished ({@code data-rendered="ok"}), showed no script error,
 * and drew every chart: a CDF line per converging scenario, the p99 line with the SLO line, a rate line per
 * verb, and the ramp rounds table. Chromium is {@code chromium} (or {@code chromium-browser}) on the PATH,
 * else {@code /usr/bin/chromium}; scripts/test-env.sh installs it. Absent, the test is skipped with that
 * reason, except under {@code CI=true}, where it fails.
 */
class FleetReportChromiumIT {
    private static final Path OUT = Path.of("target", "fleet-chromium").toAbsolutePath();

    @Test
    void fleetReportOpensInChromiumAndDrawsEveryChart() throws Exception {
        Path chromium = locateChromium();
        FleetReport report;
        try (EmbeddedApi api = EmbeddedApi.start()) {
            FleetConfig c = FleetConfig.builder().runId("chrome").leaseDurationSeconds(1)
                    .clusterStatusSync(Duration.ofSeconds(1)).rampStart(5).rampMax(20).rampSteady(Duration.ofSeconds(2))
                    .steady(Duration.ofSeconds(2)).moduleLoadDelay(Duration.ofMillis(200))
                    .workStatusSync(Duration.ofMillis(300)).sloWarmup(Duration.ofSeconds(1)).build();
            report = Fleet.of(api.client(), c).run("embedded API",
                    List.of(Fleet.Scenario.RAMP, Fleet.Scenario.STEADY, Fleet.Scenario.ROLLOUT));
        }
        Files.createDirectories(OUT);
        Path html = report.writeTo(OUT);
        Result dom = chromium(chromium, "--virtual-time-budget=5000", "--dump-dom", html.toUri().toString());
        assertEquals(0, dom.rc, dom.stderr);
        String d = dom.stdout;
        assertTrue(d.contains("data-rendered=\"ok\""), "the script finished drawing: " + d.substring(0, Math.min(800, d.length())));
        assertTrue(d.contains("<div id=\"errors\" class=\"fail\"></div>"), "no script error shown");
        assertFalse(d.contains("data-rendered=\"error\""), "no script error");
        int rounds = report.rampRounds().size();
        assertTrue(rounds >= 2, report.summary());
        // CDF: ramp (its joins) and rollout converge; steady has none
        assertEquals(2, count(svg(d, "cdf"), "<polyline [^>]*class=\"series\""), svg(d, "cdf"));
        String lat = svg(d, "lat");
        assertEquals(1, count(lat, "<polyline [^>]*class=\"series\""), lat);
        assertEquals(1, count(lat, "class=\"slo-line\""), "the 1 s SLO line: " + lat);
        assertEquals(report.requests().size(), count(svg(d, "rate"), "<polyline [^>]*class=\"series\""));
        assertTrue(count(d, "<text [^>]*>") > 30, "axis ticks and labels");
        // the tables: SLO verdicts, scenarios, ramp rounds (header and one row each)
        assertEquals(rounds + 1, count(table(d, "ramp"), "<tr>"), table(d, "ramp"));
        assertEquals(report.scenarios().size() + 1, count(table(d, "scen"), "<tr>"));
        assertEquals(report.slo().size() + 1, count(table(d, "slo"), "<tr>"));
        assertTrue(d.contains("held up to the max, 20 spokes"), "ramp result line");
        assertTrue(d.contains("target: embedded API"), "the target first");
    }

    private static Path locateChromium() {
        for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        Path fallback = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(fallback)) {
            return fallback;
        }
        String why = "chromium is not on the PATH nor at /usr/bin/chromium (scripts/test-env.sh installs it):"
                + " the fleet report's charts are not checked in a browser";
        if (RealEnvironment.underCi()) {
            Assertions.fail(why);
        }
        Assumptions.assumeTrue(false, why);
        return fallback;
    }

    private static String svg(String dom, String id) {
        Matcher m = Pattern.compile("<svg id=\"" + id + "\".*?</svg>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "svg " + id);
        return m.group();
    }

    private static String table(String dom, String id) {
        Matcher m = Pattern.compile("<table id=\"" + id + "\">.*?</table>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "table " + id);
        return m.group();
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

    private static Result chromium(Path chromium, String... args) throws Exception {
        Path profile = Files.createTempDirectory("ocatopic-chromium-");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
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
