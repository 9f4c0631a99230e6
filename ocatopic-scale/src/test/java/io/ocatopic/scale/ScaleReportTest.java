package io.ocatopic.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleReportTest {
    static ScaleReport sample(String origin) {
        PhaseReport p = new PhaseReport(Phase.CREATE, 2, 8, 1, List.of("Secret|a|b: refused"), 0.1, 2.0, 4.0,
                new LatencyStats(8, 1, 1, 2, 3, 4), new LatencyStats(8, 2, 2, 3, 4, 5), 8, 8,
                List.of(new HistogramBin(0, 0.125, 0, 0), new HistogramBin(0.125, -1, 8, 8)),
                List.of(new TimePoint(0.1, 3), new TimePoint(1.1, 5)), false);
        return new ScaleReport("rabc", "acm", origin, "http://127.0.0.1:1/", "2026-01-01T00:00:00Z", 2, 1, 0,
                List.of(p), false, true, 0, 0, "");
    }

    @Test
    void jsonRoundTripsAndWritesBothFiles(@TempDir Path dir) throws Exception {
        ScaleReport r = sample("interim");
        assertEquals(r, ScaleReport.fromJson(r.toJson()));
        ScaleReport.Written w = r.writeTo(dir.resolve("out"));
        assertEquals(r, ScaleReport.fromJson(Files.readString(w.json())));
        assertTrue(Files.readString(w.html()).startsWith("<!DOCTYPE html>"));
        assertTrue(r.summary().contains("create"));
    }

    @Test
    void htmlIsSelfContainedAndCannotBeBrokenOutOfByData() {
        String html = sample("</script><script>alert(1)</script>").toHtml();
        assertEquals(2, html.split("</script>", -1).length - 1, "only the page's own two script ends");
        assertFalse(html.contains(" src="), "no external scripts or images");
        assertFalse(html.contains("href="), "no external styles");
        assertTrue(html.contains("id=\"histogram-event\""));
        assertTrue(html.contains("id=\"throughput\""));
        assertTrue(html.contains("\"runId\" : \"rabc\""));
    }
}
