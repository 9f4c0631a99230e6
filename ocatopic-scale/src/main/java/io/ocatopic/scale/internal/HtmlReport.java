package io.ocatopic.scale.internal;

import io.ocatopic.scale.ScaleReport;

/**
 * Renders a {@link ScaleReport} as one self-contained HTML page: the report's JSON is embedded and an
 * inline script draws the summary table and SVG charts (no external scripts, styles or fonts). The
 * script marks {@code <body data-rendered="ok">} when every chart is drawn, and shows any script error
 * on the page ({@code data-rendered="error"}), so a headless browser can check the page.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** The page for a report, given the report's JSON. */
    public static String render(ScaleReport report, String json) {
        // JSON inside <script>: "</" would end the script element early
        String data = json.replace("</", "<\\/").replace("<!--", "<\\!--");
        return PAGE.replace("@@TITLE@@", escape("ocatopic scale " + report.source() + " " + report.runId()))
                .replace("@@DATA@@", data);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>@@TITLE@@</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
            h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .meta { font-size: 13px; color: #555; }
            .err { color: #b00; font-weight: bold; }
            svg { background: #fafafa; border: 1px solid #ddd; }
            svg text { font-size: 11px; fill: #333; }
            .legend span { display: inline-block; margin-right: 16px; font-size: 13px; }
            .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
            </style>
            </head>
            <body data-rendered="pending">
            <h1>@@TITLE@@</h1>
            <div id="errors" class="err"></div>
            <noscript><p class="err">This report draws its charts with an inline script; enable scripts to see them.</p></noscript>
            <div id="meta" class="meta"></div>
            <h2>Phases</h2>
            <table id="summary"></table>
            <div id="legend" class="legend"></div>
            <h2>Write-to-event latency histogram (request sent to watch event observed)</h2>
            <svg id="histogram-event" width="1100" height="300" role="img" aria-label="event latency histogram"></svg>
            <h2>Write round-trip latency histogram</h2>
            <svg id="histogram-write" width="1100" height="300" role="img" aria-label="write latency histogram"></svg>
            <h2>Throughput over time (objects per second)</h2>
            <svg id="throughput" width="1100" height="300" role="img" aria-label="throughput over time"></svg>
            <script id="report-data" type="application/json">@@DATA@@</script>
            <script>
            "use strict";
            window.addEventListener("error", function (e) {
              document.getElementById("errors").textContent = "script error: " + e.message;
              document.body.setAttribute("data-rendered", "error");
            });
            (function () {
              var R = JSON.parse(document.getElementById("report-data").textContent);
              var COLORS = { CREATE: "#2b7bb9", UPDATE: "#e08a1e", DELETE: "#3a9a4a" };
              var NS = "http://www.w3.org/2000/svg";
              function el(name, attrs, parent, text) {
                var e = document.createElementNS(NS, name);
                for (var k in attrs) { e.setAttribute(k, attrs[k]); }
                if (text !== undefined) { e.textContent = text; }
                parent.appendChild(e);
                return e;
              }
              function fmt(v) { return (Math.round(v * 100) / 100).toString(); }
              function binLabel(b) { return b.toMs < 0 ? "\\u2265" + fmt(b.fromMs) : "<" + fmt(b.toMs); }

              var meta = document.getElementById("meta");
              meta.textContent = "run " + R.runId + " \\u00b7 source " + R.source + " (" + R.sourceOrigin + ") \\u00b7 "
                + R.spokes + " spokes \\u00b7 concurrency " + R.concurrency + " \\u00b7 payload " + R.payloadBytes
                + " B \\u00b7 API " + R.target + " \\u00b7 started " + R.startedAt
                + (R.interrupted ? " \\u00b7 INTERRUPTED" : "")
                + (R.cleanup ? " \\u00b7 cleanup: " + R.cleanedUp + " deleted, " + R.remaining + " remaining" : "")
                + (R.cleanupError ? " \\u00b7 cleanup error: " + R.cleanupError : "");

              var table = document.getElementById("summary");
              var head = ["phase", "objects", "errors", "seconds", "obj/s", "write p50 ms", "p95", "p99", "max",
                          "event p50 ms", "p95", "p99", "max", "events seen"];
              var tr = document.createElement("tr");
              head.forEach(function (h) { var th = document.createElement("th"); th.textContent = h; tr.appendChild(th); });
              table.appendChild(tr);
              R.phases.forEach(function (p) {
                var row = document.createElement("tr");
                [p.phase.toLowerCase() + (p.interrupted ? " (interrupted)" : ""), p.objects, p.errors, fmt(p.durationSeconds),
                 fmt(p.objectsPerSecond), fmt(p.write.p50Ms), fmt(p.write.p95Ms), fmt(p.write.p99Ms), fmt(p.write.maxMs),
                 fmt(p.event.p50Ms), fmt(p.event.p95Ms), fmt(p.event.p99Ms), fmt(p.event.maxMs),
                 p.eventsObserved + " / " + p.eventsExpected].forEach(function (v) {
                  var td = document.createElement("td"); td.textContent = v; row.appendChild(td);
                });
                table.appendChild(row);
              });

              var legend = document.getElementById("legend");
              R.phases.forEach(function (p) {
                var s = document.createElement("span");
                var i = document.createElement("i"); i.style.background = COLORS[p.phase];
                s.appendChild(i); s.appendChild(document.createTextNode(p.phase.toLowerCase()));
                legend.appendChild(s);
              });

              var M = { l: 60, r: 20, t: 16, b: 40 };
              function axes(svg, w, h, yMax, yLabel) {
                el("line", { x1: M.l, y1: h - M.b, x2: w - M.r, y2: h - M.b, stroke: "#888" }, svg);
                el("line", { x1: M.l, y1: M.t, x2: M.l, y2: h - M.b, stroke: "#888" }, svg);
                for (var k = 0; k <= 4; k++) {
                  var y = h - M.b - (h - M.t - M.b) * k / 4;
                  el("line", { x1: M.l - 4, y1: y, x2: w - M.r, y2: y, stroke: "#e4e4e4" }, svg);
                  el("text", { x: M.l - 6, y: y + 4, "text-anchor": "end" }, svg, fmt(yMax * k / 4));
                }
                el("text", { x: 14, y: M.t + (h - M.t - M.b) / 2, transform: "rotate(-90 14 " + (M.t + (h - M.t - M.b) / 2) + ")",
                             "text-anchor": "middle" }, svg, yLabel);
              }

              function histogram(id, field) {
                var svg = document.getElementById(id);
                var w = +svg.getAttribute("width"), h = +svg.getAttribute("height");
                var nb = 0, yMax = 1;
                R.phases.forEach(function (p) {
                  nb = Math.max(nb, p.histogram.length);
                  p.histogram.forEach(function (b) { yMax = Math.max(yMax, b[field]); });
                });
                axes(svg, w, h, yMax, "count");
                if (nb === 0) { el("text", { x: w / 2, y: h / 2, "text-anchor": "middle" }, svg, "no samples"); return 0; }
                var slot = (w - M.l - M.r) / nb, np = Math.max(1, R.phases.length), bw = Math.max(1, (slot - 6) / np);
                var bars = 0, labels = R.phases.length ? R.phases.reduce(function (a, p) {
                  return p.histogram.length > a.length ? p.histogram : a; }, []) : [];
                labels.forEach(function (b, i) {
                  el("text", { x: M.l + slot * i + slot / 2, y: h - M.b + 14, "text-anchor": "middle" }, svg, binLabel(b));
                });
                el("text", { x: M.l + (w - M.l - M.r) / 2, y: h - 6, "text-anchor": "middle" }, svg, "latency (ms)");
                R.phases.forEach(function (p, pi) {
                  p.histogram.forEach(function (b, i) {
                    var v = b[field]; if (v <= 0) { return; }
                    var bh = (h - M.t - M.b) * v / yMax;
                    var r = el("rect", { x: M.l + slot * i + 3 + bw * pi, y: h - M.b - bh, width: bw, height: bh,
                                         fill: COLORS[p.phase], "class": "bar" }, svg);
                    el("title", {}, r, p.phase.toLowerCase() + " " + binLabel(b) + " ms: " + v);
                    bars++;
                  });
                });
                return bars;
              }

              function throughput() {
                var svg = document.getElementById("throughput");
                var w = +svg.getAttribute("width"), h = +svg.getAttribute("height");
                var xMax = 0.001, yMax = 1;
                R.phases.forEach(function (p) {
                  xMax = Math.max(xMax, p.startSeconds + p.durationSeconds);
                  p.throughput.forEach(function (t) { yMax = Math.max(yMax, t.objectsPerSecond); });
                });
                axes(svg, w, h, yMax, "objects/s");
                for (var k = 0; k <= 5; k++) {
                  el("text", { x: M.l + (w - M.l - M.r) * k / 5, y: h - M.b + 14, "text-anchor": "middle" }, svg, fmt(xMax * k / 5));
                }
                el("text", { x: M.l + (w - M.l - M.r) / 2, y: h - 6, "text-anchor": "middle" }, svg, "seconds since start");
                var lines = 0;
                R.phases.forEach(function (p) {
                  if (!p.throughput.length) { return; }
                  var pts = p.throughput.map(function (t) {
                    return (M.l + (w - M.l - M.r) * t.atSeconds / xMax).toFixed(1) + ","
                      + (h - M.b - (h - M.t - M.b) * t.objectsPerSecond / yMax).toFixed(1);
                  });
                  var line = el("polyline", { points: pts.join(" "), fill: "none", stroke: COLORS[p.phase],
                                              "stroke-width": 2, "class": "series" }, svg);
                  el("title", {}, line, p.phase.toLowerCase() + ": " + fmt(p.objectsPerSecond) + " objects/s overall");
                  lines++;
                });
                return lines;
              }

              var drawn = histogram("histogram-event", "events") + histogram("histogram-write", "writes") + throughput();
              document.body.setAttribute("data-rendered", R.phases.length === 0 || drawn > 0 ? "ok" : "empty");
            })();
            </script>
            </body>
            </html>
            """;
}
