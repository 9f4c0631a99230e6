package io.ocatopic.benchmarks;

import io.ocatopic.netlink.internal.GenericNetlink;
import io.ocatopic.netlink.internal.GenlMessage;
import io.ocatopic.netlink.internal.GenlRequest;
import io.ocatopic.netlink.internal.NetlinkCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generic netlink request/response round trips per second against the kernel's {@code nlctrl}
 * family (CTRL_CMD_GETFAMILY("nlctrl"), each reply decoded and its family id read): ocatopic's
 * {@link GenericNetlink} (JNA direct mapping) against a small C program making the same requests
 * ({@code benchmarks/src/main/c/genl_getfamily.c}, compiled with {@code gcc -O2} at run time).
 * Rounds alternate between the two; the table shows the median of each. Goal: at least 0.5x of C.
 *
 * <p>Run: {@code benchmarks/run.sh NetlinkBenchmark [seconds-per-round] [rounds]}.
 */
public final class NetlinkBenchmark {
    private NetlinkBenchmark() {
    }

    /**
     * @param args seconds per round (default 3), rounds (default 5)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path exe = CPeer.compile("genl_getfamily.c");
        GenlRequest req = NetlinkCodec.getFamily("nlctrl");
        List<Double> javaRates = new ArrayList<>();
        List<Double> cRates = new ArrayList<>();
        try (GenericNetlink nl = GenericNetlink.open()) {
            javaRound(nl, req, 2.0); // warm-up: JIT
            for (int i = 0; i < rounds; i++) {
                cRates.add(cRound(exe, seconds));
                javaRates.add(javaRound(nl, req, seconds));
            }
        }
        double c = median(cRates);
        double j = median(javaRates);
        System.out.printf("NetlinkBenchmark: CTRL_CMD_GETFAMILY(\"nlctrl\") round trips, %d rounds x %.1f s, median%n",
                rounds, seconds);
        System.out.printf("| %-34s | %16s | %9s |%n", "implementation", "round trips/s", "vs C");
        System.out.printf("|%s|%s|%s|%n", "-".repeat(36), "-".repeat(18), "-".repeat(11));
        System.out.printf("| %-34s | %,16.0f | %8.2fx |%n", "C (gcc -O2, send/recv)", c, 1.0);
        System.out.printf("| %-34s | %,16.0f | %8.2fx |%n", "ocatopic GenericNetlink (JNA)", j, j / c);
        System.out.printf("goal >= 0.50x of C: %s%n", j / c >= 0.5 ? "met" : "NOT met");
        System.out.println("all rounds, C:    " + fmt(cRates));
        System.out.println("all rounds, Java: " + fmt(javaRates));
    }

    private static double javaRound(GenericNetlink nl, GenlRequest req, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        long t0 = System.nanoTime();
        long now;
        do {
            for (int k = 0; k < 1024; k++) {
                List<GenlMessage> r = nl.exchange(req);
                if (r.get(0).attrs().u16(NetlinkCodec.CTRL_ATTR_FAMILY_ID).getAsInt() != NetlinkCodec.GENL_ID_CTRL) {
                    throw new IllegalStateException("wrong family id");
                }
            }
            n += 1024;
            now = System.nanoTime();
        } while (now < deadline);
        return n / ((now - t0) / 1e9);
    }

    private static double cRound(Path exe, double seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(exe.toString(), Double.toString(seconds)).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("C peer failed: " + out);
        }
        String[] f = out.split("\\s+");
        return Long.parseLong(f[0]) / (Long.parseLong(f[1]) / 1e9);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String fmt(List<Double> v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(String.format("%,.0f ", d));
        }
        return sb.toString().trim();
    }
}
