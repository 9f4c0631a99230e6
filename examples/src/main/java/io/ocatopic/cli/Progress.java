package io.ocatopic.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A progress display for long commands (mirror, build, scale). On a terminal it redraws one bar line
 * in place with {@code \r}; when output is not a terminal (a pipe, a file, CI logs) it prints a plain
 * line at every tenth of the way instead, so logs stay readable. Thread-safe.
 *
 * <pre>{@code
 * try (Progress p = Progress.start(out, "create", 1000)) {
 *     for (int i = 0; i < 1000; i++) {
 *         work(i);
 *         p.advance(1);
 *     }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_UNKNOWN_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final String label;
    private long total;
    private boolean bytes;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long startNanos;
    private long done;
    private long lastDraw = Long.MIN_VALUE;
    private int lastTenth = -1;
    private int lastWidth;
    private boolean finished;

    private Progress(PrintWriter out, String label, long total, boolean terminal, LongSupplier clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.label = Objects.requireNonNull(label, "label");
        this.total = total;
        this.terminal = terminal;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startNanos = clock.getAsLong();
    }

    /**
     * Starts progress for a running command: on its error stream (never stdout), silent with {@code -q}.
     *
     * @param spec  the running command
     * @param label what is counted
     * @param total units in all, or 0 when unknown
     * @return the progress
     */
    public static Progress start(picocli.CommandLine.Model.CommandSpec spec, String label, long total) {
        PrintWriter err = Ocatopic.quiet(spec) ? new PrintWriter(java.io.Writer.nullWriter())
                : spec.commandLine().getErr();
        return start(err, label, total);
    }

    /**
     * Starts a display, as a bar when {@link System#console()} is a terminal and as plain lines otherwise.
     *
     * @param out   where to write
     * @param label what is progressing, for example {@code create}
     * @param total the number of units, or 0 when unknown
     * @return the display
     */
    public static Progress start(PrintWriter out, String label, long total) {
        return start(out, label, total, System.console() != null, System::nanoTime);
    }

    /**
     * Starts a display in a chosen mode with a chosen clock (for tests and embedding).
     *
     * @param out      where to write
     * @param label    what is progressing
     * @param total    the number of units, or 0 when unknown
     * @param terminal {@code true} for a bar redrawn with {@code \r}, {@code false} for plain lines
     * @param clock    a monotonic clock in nanoseconds
     * @return the display
     */
    public static Progress start(PrintWriter out, String label, long total, boolean terminal, LongSupplier clock) {
        return new Progress(out, label, total, terminal, clock);
    }

    /**
     * Counts bytes: done, total and rate are shown in KiB/MiB/GiB, with an ETA once the total is known.
     *
     * @return this display
     */
    public synchronized Progress bytes() {
        this.bytes = true;
        return this;
    }

    /**
     * Sets the total once it is known (or when it changes, as a plan grows); the bar, the percentage and the
     * ETA ({@code (total - done) / rate}) follow it.
     *
     * @param units the number of units in all, or 0 when unknown
     */
    public synchronized void total(long units) {
        if (finished || units == total) {
            return;
        }
        total = Math.max(0, units);
        lastTenth = total > 0 ? (int) Math.min(9, done * 10 / total) : -1;
    }

    /** @return whether this display draws a terminal bar */
    public boolean terminal() {
        return terminal;
    }

    /**
     * Adds done units.
     *
     * @param units how many more are done
     */
    public synchronized void advance(long units) {
        update(done + units);
    }

    /**
     * Sets the number of done units.
     *
     * @param units how many are done so far
     */
    public synchronized void update(long units) {
        if (finished) {
            return;
        }
        done = units;
        long now = clock.getAsLong();
        if (terminal) {
            if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS || (total > 0 && done >= total)) {
                draw(now);
            }
        } else if (total > 0) {
            int tenth = (int) Math.min(10, done * 10 / total);
            if (tenth > lastTenth && tenth < 10) {
                lastTenth = tenth;
                out.println(line(now));
                out.flush();
            }
        } else if (lastDraw == Long.MIN_VALUE || now - lastDraw >= PLAIN_UNKNOWN_NANOS) {
            lastDraw = now;
            out.println(line(now));
            out.flush();
        }
    }

    /**
     * Prints a message line without breaking the bar (the bar is redrawn below it).
     *
     * @param message the line
     */
    public synchronized void message(String message) {
        if (terminal && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
        }
        out.println(message);
        if (terminal && !finished) {
            draw(clock.getAsLong());
        }
        out.flush();
    }

    /** Draws the final state and ends the line; later updates are ignored. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        long now = clock.getAsLong();
        if (terminal) {
            draw(now);
            out.println();
        } else {
            out.println(line(now) + " done");
        }
        finished = true;
        out.flush();
    }

    /** Same as {@link #finish()}. */
    @Override
    public void close() {
        finish();
    }

    private void draw(long now) {
        lastDraw = now;
        String s = bar() + " " + line(now);
        int pad = Math.max(0, lastWidth - s.length());
        out.print("\r" + s + " ".repeat(pad));
        lastWidth = s.length();
        out.flush();
    }

    private String bar() {
        if (total <= 0) {
            return "[" + "=".repeat((int) (done % (WIDTH + 1))) + " ".repeat(WIDTH - (int) (done % (WIDTH + 1))) + "]";
        }
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
    }

    private String line(long now) {
        double secs = Math.max(0, (now - startNanos) / 1e9);
        double rate = secs < 0.001 ? 0 : done / secs;
        if (bytes) {
            StringBuilder sb = new StringBuilder(label).append(' ').append(size(done));
            if (total > 0) {
                sb.append('/').append(size(total)).append(" (").append(Math.min(100, done * 100 / total)).append("%)");
            }
            sb.append(' ').append(size((long) rate)).append("/s ").append(String.format(Locale.ROOT, "%.1fs", secs));
            if (total > 0 && done < total && rate > 0) {
                sb.append(" ETA ").append(duration((total - done) / rate));
            }
            return sb.toString();
        }
        if (total > 0) {
            return String.format(Locale.ROOT, "%s %d/%d (%d%%) %.1f/s %.1fs", label, done, total,
                    done * 100 / total, rate, secs);
        }
        return String.format(Locale.ROOT, "%s %d %.1f/s %.1fs", label, done, rate, secs);
    }

    /** Bytes as B, KiB, MiB or GiB with one decimal. */
    static String size(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Seconds as {@code 42s}, {@code 3m05s} or {@code 2h07m}. */
    static String duration(double seconds) {
        long s = (long) Math.ceil(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
