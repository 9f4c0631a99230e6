package io.ocatopic.kmm.internal.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files the signer writes next to a module, and their cleanup.
 *
 * <p>Names carry a marker, the pid and the start time of the writing JVM:
 * {@code .<module>.ocatopic-sign-<pid>-<startMillis>-<random>.tmp}. A JVM shutdown hook (run on
 * SIGINT and SIGTERM) deletes the ones this process has open; SIGKILL leaves them, so the first
 * signer that writes into a directory deletes the ones whose process is gone (no process with that
 * pid, or one started at another time). Files without the marker are never touched.
 */
public final class TempFiles {
    public static final String MARKER = ".ocatopic-sign-";
    private static final Pattern OWNED = Pattern.compile("\\..+" + Pattern.quote(MARKER) + "(\\d+)-(\\d+)-\\d+(\\.plain)?\\.tmp");
    private static final long PID = ProcessHandle.current().pid();
    private static final long START = startMillis(ProcessHandle.current());
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(() -> LIVE.forEach(p -> {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // the JVM is exiting: nothing more to do
            }
        }), "ocatopic-sign-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private TempFiles() {
    }

    /** Creates an owned temporary file in {@code dir} and registers it for the shutdown hook. */
    public static Path create(Path dir, String target, String suffix) throws IOException {
        Path p = Files.createTempFile(dir, "." + target + MARKER + PID + "-" + START + "-", suffix);
        LIVE.add(p);
        return p;
    }

    /** Deletes an owned temporary file (if any) and forgets it. */
    public static void delete(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing more to do; the next run's sweep removes it
        }
        LIVE.remove(p);
    }

    /** Once per directory and JVM: deletes owned temporary files whose process is gone. */
    public static void removeStale(Path dir) {
        if (!SWEPT.add(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "." + "*" + MARKER + "*.tmp")) {
            for (Path p : ds) {
                Matcher m = OWNED.matcher(p.getFileName().toString());
                if (m.matches() && isGone(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: an unreadable directory fails the signing itself with a clear reason
        }
    }

    public static boolean isGone(long pid, long start) {
        if (pid == PID) {
            return start != START;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return true;
        }
        long s = startMillis(h.get());
        return s != 0 && start != 0 && s != start;
    }

    private static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t instanceof FileSystemException f ? f.getReason() : t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    public static KmmException diskFull(Path dir, Path out, long needed, IOException e) {
        String free;
        try {
            free = Files.getFileStore(dir).getUsableSpace() + " bytes free";
        } catch (IOException | RuntimeException x) {
            free = "free space unknown";
        }
        return new KmmException(Reason.IO, "disk full: cannot write " + out.getFileName() + " into " + dir
                + " (" + free + (needed >= 0 ? ", about " + needed + " bytes needed" : "") + "); free space and run again", e);
    }
}
