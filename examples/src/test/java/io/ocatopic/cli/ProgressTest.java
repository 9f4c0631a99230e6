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

    @Test
    void bytesModeShowsSizesRateAndAnEtaOnceTheTotalIsKnown() {
        StringWriter s = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress p = Progress.start(new PrintWriter(s), "sent", 0, false, clock::get).bytes();
        p.update(512);
        p.total(10L << 20);              // the plan is known: 10 MiB to send
        clock.addAndGet(2_000_000_000L);
        p.update(2L << 20);              // 2 MiB in 2 s: 1 MiB/s, 8 MiB left
        p.finish();
        String[] lines = s.toString().replace(System.lineSeparator(), "\n").split("\n");
        assertEquals("sent 512 B 0 B/s 0.0s", lines[0]);
        assertEquals("sent 2.0 MiB/10.0 MiB (20%) 1.0 MiB/s 2.0s ETA 8s", lines[1]);
        assertEquals("sent 2.0 MiB/10.0 MiB (20%) 1.0 MiB/s 2.0s ETA 8s done", lines[2]);
        assertEquals("3m05s", Progress.duration(184.2));
        assertEquals("2h07m", Progress.duration(7620));
    }

    @Test
    void mirrorProgressTakesItsTotalFromTheMirrorsTotalEvents() {
        StringWriter s = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress p = Progress.start(new PrintWriter(s), "sent", 0, true, clock::get).bytes();
        MirrorCommand.ProgressListener l = new MirrorCommand.ProgressListener(p);
        java.time.Instant t = java.time.Instant.EPOCH;
        l.on(new io.ocatopic.kube.ProgressEvent(io.ocatopic.kube.ProgressEvent.Kind.STARTED,
                io.ocatopic.ztp.mirror.RegistryMirror.STEP_IMAGE, "quay.io/org/app:1", 0, 0, "a -> b", t));
        l.on(new io.ocatopic.kube.ProgressEvent(io.ocatopic.kube.ProgressEvent.Kind.ADVANCED,
                io.ocatopic.ztp.mirror.RegistryMirror.STEP_TOTAL, "bytes", 0, 4L << 20, "", t));
        clock.addAndGet(1_000_000_000L);
        l.on(new io.ocatopic.kube.ProgressEvent(io.ocatopic.kube.ProgressEvent.Kind.ADVANCED,
                io.ocatopic.ztp.mirror.RegistryMirror.STEP_IMAGE, "quay.io/org/app:1", 1L << 20, 4L << 20, "", t));
        p.finish();
        assertTrue(s.toString().contains("sent 1.0 MiB/4.0 MiB (25%) 1.0 MiB/s 1.0s ETA 3s"), s.toString());
    }
}
