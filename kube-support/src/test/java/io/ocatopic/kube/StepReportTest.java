package io.ocatopic.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kube.internal.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared value types of the foundation: StepReport, ProgressEvent, and the one atomic writer. */
class StepReportTest {
    @Test
    void aFailureSplitsThePlanIntoDoneFailedAndNotAttempted() {
        StepReport<String> r = StepReport.failedAt(List.of("a", "b", "c", "d"), 1, "device busy");
        assertFalse(r.ok());
        assertEquals(List.of("a"), r.done());
        assertEquals("b", r.failed().orElseThrow().step());
        assertEquals(List.of("c", "d"), r.notAttempted());
        assertEquals(List.of("done: A", "FAILED: B: device busy", "not attempted: C", "not attempted: D"),
                r.describe(String::toUpperCase));
        assertTrue(StepReport.allDone(List.of("a")).ok());
        List<String> mutable = new ArrayList<>(List.of("x"));
        StepReport<String> copy = StepReport.allDone(mutable);
        mutable.add("y");
        assertEquals(List.of("x"), copy.done(), "the report is a value");
    }

    @Test
    void progressEventsHaveNoNullStrings() {
        ProgressEvent e = ProgressEvent.of(ProgressEvent.Kind.STARTED, "install", null, null);
        assertEquals("", e.subject());
        assertEquals("", e.message());
        ProgressEvent a = ProgressEvent.advanced("blob", "sha256:ab", 10, 100);
        assertEquals(ProgressEvent.Kind.ADVANCED, a.kind());
        assertEquals(10, a.done());
        List<ProgressEvent> seen = new ArrayList<>();
        ProgressEvent.Listener l = seen::add;
        l.on(a);
        ProgressEvent.Listener.NONE.on(a);
        assertEquals(List.of(a), seen);
    }

    @Test
    void secretFilesAre0600AndOthers0644AndNothingEscapesTheDirectory(@TempDir Path dir) throws Exception {
        AtomicFiles.writeSecret(dir.resolve("kubeconfig"), "token: x");
        AtomicFiles.write(dir.resolve("a/cluster.yaml"), "kind: X");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("kubeconfig"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/cluster.yaml"))));
        assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeAllUnder(dir.resolve("out"),
                Map.of("ok.yaml", "x", "../evil.yaml", "y")));
        assertFalse(Files.exists(dir.resolve("out/ok.yaml")), "nothing is written when one name escapes");
        assertFalse(Files.exists(dir.resolve("evil.yaml")));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }
}
