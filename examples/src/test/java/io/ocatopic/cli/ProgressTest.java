package io.ocatopic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void plainModePrintsOneLinePerTenthAndNoCarriageReturns() {
        StringWriter s = new StringWriter();
        AtomicLong clock = new AtomicLong();
        try (Progress p = Progress.start(new PrintWriter(s), "create", 200, false, clock::get)) {
            for (int i = 0; i < 200; i++) {
                clock.addAndGet(10_000_000L);
                p.advance(1);
            }
        }
        String out = s.toString();
        assertFalse(out.contains("\r"), out);
        String[] lines = out.split("\n");
        assertEquals(11, lines.length, out); // 0%..90% (ten lines) and the final "done" line
        assertTrue(lines[0].startsWith("create 0/200 (0%)") || lines[0].startsWith("create 1/200 (0%)"), lines[0]);
        assertTrue(lines[10].startsWith("create 200/200 (100%) 100.0/s 2.0s done"), lines[10]);
    }

    @Test
    void terminalModeRedrawsOneLineWithCarriageReturnsThrottled() {
        StringWriter s = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress p = Progress.start(new PrintWriter(s), "update", 1000, true, clock::get);
        assertTrue(p.terminal());
        for (int i = 0; i < 1000; i++) {
            clock.addAndGet(1_000_000L); // 1 ms per unit: about ten redraws a second of clock time
            p.advance(1);
        }
        p.message("a note");
        p.finish();
        p.advance(5); // ignored after finish
        String out = s.toString();
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 10 && redraws <= 16, "throttled redraws: " + redraws);
        assertTrue(out.contains("[##############################] update 1000/1000 (100%)"), out);
        assertTrue(out.contains("a note\n"), out);
        assertTrue(out.endsWith("\n"), "finish ends the line");
        assertEquals(2, out.split("\n", -1).length - 1, "only the message and the final newline break lines");
    }

    @Test
    void unknownTotalStillReportsCounts() {
        StringWriter s = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress p = Progress.start(new PrintWriter(s), "mirror", 0, false, clock::get);
        p.update(3);
        clock.addAndGet(6_000_000_000L);
        p.update(7);
        p.finish();
        assertEquals("mirror 3 0.0/s 0.0s\nmirror 7 1.2/s 6.0s\nmirror 7 1.2/s 6.0s done\n",
                s.toString().replace(System.lineSeparator(), "\n"));
    }
}
