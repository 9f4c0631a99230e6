package io.ocatopic.scale;

import io.ocatopic.kube.internal.Mappers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The merge of shard reports ({@link FleetReport#merge(List)}) and the index-range text of spoke sets. */
final class FleetMerge {
    /** Notes that are settings, the same in every shard: kept, not summed. */
    private static final Set<String> SETTINGS = Set.of("batch", "nodesPerSpoke", "offlineSeconds",
            "managedClusterModule", "max", "start", "factor", "step");
    private static final int MAX_ERROR_SAMPLES = 8;

    private FleetMerge() {
    }

    static FleetReport merge(List<FleetReport> reports) {
        if (reports == null || reports.isEmpty()) {
            throw new IllegalArgumentException("reports: need at least one shard report to merge");
        }
        FleetReport first = reports.get(0);
        SortedSet<Integer> shards = new TreeSet<>();
        SortedSet<Integer> spokes = new TreeSet<>();
        int shardCount = 1;
        for (FleetReport r : reports) {
            Objects.requireNonNull(r, "report");
            if (!r.runId().equals(first.runId())) {
                throw new IllegalArgumentException("run ids differ (" + first.runId() + ", " + r.runId()
                        + "): only the shards of one run merge");
            }
            if (!r.target().equals(first.target())) {
                throw new IllegalArgumentException("targets differ (" + first.target() + "; " + r.target()
                        + "): only shards that drove the same hub merge");
            }
            for (int s : r.shards()) {
                if (!shards.add(s)) {
                    throw new IllegalArgumentException("shard " + s + " of run " + r.runId()
                            + " appears in two reports");
                }
            }
            for (int i : r.spokeIndexSet()) {
                if (!spokes.add(i)) {
                    throw new IllegalArgumentException("spoke " + i + " of run " + r.runId()
                            + " appears in two reports: shards must simulate disjoint spokes");
                }
            }
            if (!r.slo().isEmpty() && r.sloLatency().isEmpty()) {
                throw new IllegalArgumentException("the report of shard " + ranges(r.shards())
                        + " has SLO verdicts but no latency histograms: it cannot be merged exactly");
            }
            shardCount = Math.max(shardCount, r.shardCount());
        }
        // SLO: histograms summed per (resource, verb), verdicts recomputed against each row's bound
        Map<String, LatencyHistogram> lat = new TreeMap<>();
        Map<String, Long> bound = new TreeMap<>();
        for (FleetReport r : reports) {
            for (LatencyHistogram h : r.sloLatency()) {
                lat.merge(h.resource() + " " + h.verb(), h, LatencyHistogram::plus);
            }
            for (FleetReport.SloVerdict v : r.slo()) {
                bound.putIfAbsent(v.resource() + " " + v.verb(), v.thresholdMs());
            }
        }
        List<FleetReport.SloVerdict> slo = new ArrayList<>();
        for (Map.Entry<String, LatencyHistogram> e : lat.entrySet()) {
            LatencyHistogram h = e.getValue();
            long t = bound.getOrDefault(e.getKey(), "LIST".equals(h.verb()) ? 30_000L : 1_000L);
            LatencyStats st = h.stats();
            slo.add(new FleetReport.SloVerdict(h.resource(), h.verb(), h.count(), st.p50Ms(), st.p99Ms(),
                    st.maxMs(), t, st.p99Ms() <= t));
        }
        Map<String, Long> requests = new TreeMap<>();
        long renewals = 0;
        long late = 0;
        long failed = 0;
        double maxLag = 0;
        double tolerance = 0;
        long errors = 0;
        double rate = 0;
        double warm = 0;
        boolean interrupted = false;
        String startedAt = first.startedAt();
        List<String> samples = new ArrayList<>();
        for (FleetReport r : reports) {
            r.requests().forEach((k, v) -> requests.merge(k, v, Long::sum));
            renewals += r.leases().renewals();
            late += r.leases().late();
            failed += r.leases().failed();
            maxLag = Math.max(maxLag, r.leases().maxLagMs());
            tolerance = Math.max(tolerance, r.leases().toleranceMs());
            errors += r.errors();
            rate += r.requestsPerSecond();
            warm = Math.max(warm, r.sloWarmupSeconds());
            interrupted |= r.interrupted();
            if (r.startedAt().compareTo(startedAt) < 0) {
                startedAt = r.startedAt();
            }
            for (String e : r.errorSamples()) {
                if (samples.size() < MAX_ERROR_SAMPLES) {
                    samples.add((reports.size() > 1 ? "shard " + ranges(r.shards()) + ": " : "") + e);
                }
            }
        }
        return new FleetReport(first.target(), first.runId(), startedAt, spokes.size(), first.leaseDurationSeconds(),
                scenarios(reports), new FleetReport.Leases(renewals, late, failed, maxLag, tolerance), slo, warm,
                slo.stream().allMatch(FleetReport.SloVerdict::pass), requests, round(rate), timeline(reports), errors,
                samples, interrupted, cleanup(reports), List.copyOf(lat.values()), ranges(spokes), shardCount,
                List.copyOf(shards));
    }

    private static List<FleetReport.ScenarioReport> scenarios(List<FleetReport> reports) {
        Map<String, List<FleetReport.ScenarioReport>> byName = new LinkedHashMap<>();
        for (FleetReport r : reports) {
            for (FleetReport.ScenarioReport s : r.scenarios()) {
                byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            }
        }
        List<FleetReport.ScenarioReport> out = new ArrayList<>();
        byName.forEach((name, list) -> {
            double start = Double.MAX_VALUE;
            double dur = 0;
            int spokes = 0;
            int done = 0;
            LatencyHistogram h = LatencyHistogram.empty(name, "");
            for (FleetReport.ScenarioReport s : list) {
                start = Math.min(start, s.startSeconds());
                dur = Math.max(dur, s.durationSeconds());
                spokes += s.spokes();
                done += s.done();
                h = h.plus(s.histogram());
            }
            Map<String, Object> notes = notes(list);
            if (name.equals("ramp")) {
                notes.putAll(ramp(list));
            }
            out.add(new FleetReport.ScenarioReport(name, start, dur, spokes, done, h.stats(), h.cdf(), notes, h));
        });
        return out;
    }

    private static Map<String, Object> notes(List<FleetReport.ScenarioReport> list) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FleetReport.ScenarioReport s : list) {
            new TreeMap<>(s.notes()).forEach((k, v) -> {
                Object had = out.get(k);
                if (had == null) {
                    out.put(k, v);
                } else if (!SETTINGS.contains(k) && had instanceof Number a && v instanceof Number b) {
                    out.put(k, integral(a) && integral(b) ? (Object) (a.longValue() + b.longValue())
                            : (Object) (a.doubleValue() + b.doubleValue()));
                }
            });
        }
        return out;
    }

    private static boolean integral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** Ramp rounds merged by position: a round held where it held in every shard. */
    private static Map<String, Object> ramp(List<FleetReport.ScenarioReport> list) {
        List<List<FleetReport.RampRound>> perShard = new ArrayList<>();
        int rounds = 0;
        for (FleetReport.ScenarioReport s : list) {
            List<FleetReport.RampRound> r = Mappers.json().convertValue(s.notes().getOrDefault("rounds", List.of()),
                    new com.fasterxml.jackson.core.type.TypeReference<List<FleetReport.RampRound>>() { });
            perShard.add(r);
            rounds = Math.max(rounds, r.size());
        }
        List<FleetReport.RampRound> merged = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            int spokes = 0;
            boolean held = true;
            List<String> why = new ArrayList<>();
            int joined = 0;
            double join = 0;
            double steady = 0;
            long ren = 0;
            long late = 0;
            long failed = 0;
            double rps = 0;
            Map<String, FleetReport.SloVerdict> worst = new TreeMap<>();
            for (int k = 0; k < perShard.size(); k++) {
                List<FleetReport.RampRound> rs = perShard.get(k);
                if (i >= rs.size()) {
                    held = false;
                    why.add("shard " + k + " stopped before this round");
                    continue;
                }
                FleetReport.RampRound r = rs.get(i);
                spokes = Math.max(spokes, r.spokes());
                if (!r.held()) {
                    held = false;
                    why.add(perShard.size() > 1 ? "shard " + k + ": " + r.why() : r.why());
                }
                joined += r.joined();
                join = Math.max(join, r.joinSeconds());
                steady = Math.max(steady, r.steadySeconds());
                ren += r.renewals();
                late += r.lateRenewals();
                failed += r.failedRenewals();
                rps += r.requestsPerSecond();
                for (FleetReport.SloVerdict v : r.slo()) {
                    worst.merge(v.resource() + " " + v.verb(), v, (a, b) -> {
                        FleetReport.SloVerdict w = a.p99Ms() >= b.p99Ms() ? a : b;
                        return new FleetReport.SloVerdict(w.resource(), w.verb(), a.count() + b.count(), w.p50Ms(),
                                w.p99Ms(), Math.max(a.maxMs(), b.maxMs()), w.thresholdMs(), a.pass() && b.pass());
                    });
                }
            }
            merged.add(new FleetReport.RampRound(spokes, held, String.join("; ", why), joined, join, steady, ren,
                    late, failed, round(rps), List.copyOf(worst.values())));
        }
        int max = list.stream().mapToInt(s -> ((Number) s.notes().getOrDefault("max", 0)).intValue()).max().orElse(0);
        return rampOutcome(merged, max);
    }

    /** The ramp's notes from its rounds: largest held, where it broke, whether it held up to the max. */
    static Map<String, Object> rampOutcome(List<FleetReport.RampRound> rounds, int max) {
        int largest = 0;
        FleetReport.RampRound broke = null;
        for (FleetReport.RampRound r : rounds) {
            if (!r.held()) {
                broke = r;
                break;
            }
            largest = r.spokes();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> rs = new ArrayList<>();
        for (FleetReport.RampRound r : rounds) {
            rs.add(Mappers.json().convertValue(r, Map.class));
        }
        out.put("rounds", rs);
        out.put("max", max);
        out.put("largestHeld", largest);
        out.put("brokeAt", broke == null ? 0 : broke.spokes());
        out.put("heldToMax", broke == null && largest == max);
        String result;
        if (broke != null) {
            result = (largest > 0 ? "largest fleet that held: " + largest + " spokes" : "no size held")
                    + "; broke at " + broke.spokes() + ": " + broke.why();
        } else if (largest == max) {
            result = "held up to the max, " + max + " spokes";
        } else {
            result = "stopped at " + largest + " spokes before the max (" + max + ") without a break";
        }
        out.put("result", result);
        return out;
    }

    private static FleetReport.Timeline timeline(List<FleetReport> reports) {
        double b = 0;
        for (FleetReport r : reports) {
            b = Math.max(b, r.timeline().bucketSeconds());
        }
        if (b <= 0) {
            return reports.get(0).timeline();
        }
        int n = 0;
        for (FleetReport r : reports) {
            n = Math.max(n, (int) Math.ceil(r.timeline().p99Ms().size() * r.timeline().bucketSeconds() / b - 1e-9));
        }
        Map<String, double[]> rates = new TreeMap<>();
        double[] p99 = new double[n];
        for (FleetReport r : reports) {
            double w = r.timeline().bucketSeconds();
            for (int j = 0; j < r.timeline().p99Ms().size(); j++) {
                int k = Math.min(n - 1, (int) Math.floor(j * w / b + 1e-9));
                p99[k] = Math.max(p99[k], r.timeline().p99Ms().get(j));
            }
            for (Map.Entry<String, List<Double>> e : r.timeline().ratePerVerb().entrySet()) {
                double[] acc = rates.computeIfAbsent(e.getKey(), x -> new double[p99.length]);
                for (int j = 0; j < e.getValue().size(); j++) {
                    int k = Math.min(p99.length - 1, (int) Math.floor(j * w / b + 1e-9));
                    acc[k] += e.getValue().get(j) * w / b;
                }
            }
        }
        Map<String, List<Double>> rl = new LinkedHashMap<>();
        rates.forEach((k, v) -> rl.put(k, java.util.Arrays.stream(v).map(FleetMerge::round).boxed().toList()));
        return new FleetReport.Timeline(b, rl, java.util.Arrays.stream(p99).boxed().toList());
    }

    private static FleetCleanup.Result cleanup(List<FleetReport> reports) {
        FleetCleanup.Result out = null;
        for (FleetReport r : reports) {
            FleetCleanup.Result c = r.cleanup();
            if (c == null) {
                continue;
            }
            if (out == null) {
                out = c;
                continue;
            }
            Map<String, Long> left = new TreeMap<>(out.remaining());
            c.remaining().forEach((k, v) -> left.merge(k, v, Math::max)); // each cleanup lists the whole run
            out = new FleetCleanup.Result(out.reached() && c.reached(), out.deleted() + c.deleted(), left,
                    out.error() != null ? out.error() : c.error());
        }
        return out;
    }

    // ---- spoke index sets as ranges: "0-99,200,202" -------------------------------------------------

    static String ranges(Collection<Integer> indexes) {
        StringBuilder b = new StringBuilder();
        Integer from = null;
        Integer prev = null;
        for (int i : new TreeSet<>(indexes)) {
            if (prev != null && i == prev + 1) {
                prev = i;
                continue;
            }
            if (from != null) {
                append(b, from, prev);
            }
            from = i;
            prev = i;
        }
        if (from != null) {
            append(b, from, prev);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, int from, int to) {
        if (b.length() > 0) {
            b.append(',');
        }
        b.append(from);
        if (to > from) {
            b.append('-').append(to);
        }
    }

    static SortedSet<Integer> parseRanges(String text) {
        SortedSet<Integer> out = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-', 1);
            try {
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
                if (from < 0 || to < from) {
                    throw new IllegalArgumentException("spokeIndexes: \"" + p + "\" is not a range");
                }
                for (int i = from; i <= to; i++) {
                    out.add(i);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("spokeIndexes: \"" + p + "\" is not an index or a range", e);
            }
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
