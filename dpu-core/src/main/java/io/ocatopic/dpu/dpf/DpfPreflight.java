package io.ocatopic.dpu.dpf;

import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.core.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The checks against the outside world that a valid configuration still needs before DPF provisions a
 * card: the PF netdev on each DPF host (DPF's DMS cannot push the BFB without it, release notes v24.10 known
 * issue #2), and, when asked, the BFB URL answering and its SHA-256. The config-only checks (memory, BF2
 * on DPF, one DPU per host, URL form, versions) already ran when the configuration was built.
 *
 * <pre>{@code
 * Map<String, Set<String>> netdevs = DpfPreflight.netdevsFromNodeLabels(labelsByHost);
 * List<Problem> problems = DpfPreflight.check(config, netdevs, Optional.empty());              // offline first
 * problems = DpfPreflight.check(config, netdevs, Optional.of(DpfPreflight.BfbProbe.http()));   // then the URL
 * }</pre>
 */
public final class DpfPreflight {
    /** The label DPF's dpu-detector (NFD) puts the first DPU's PF0 netdev in ({@code cmd/dpudetector/main.go}). */
    public static final String PF0_LABEL = "feature.node.kubernetes.io/dpu-0-pf0-name";

    private DpfPreflight() {
    }

    /** What a BFB URL answers. */
    public interface BfbProbe {
        /**
         * Probes a BFB URL for its HTTP status and, when asked, its SHA-256.
         *
         * @param url         the BFB URL
         * @param needSha256  whether to download it and compute its SHA-256
         * @return the HTTP status and, when asked, the SHA-256 (lower-case hex)
         * @throws IOException when the URL cannot be reached
         */
        Answer probe(String url, boolean needSha256) throws IOException;

        /**
         * The answer of one probe.
         *
         * @param status the HTTP status
         * @param sha256 the content's SHA-256, when computed
         */
        record Answer(int status, Optional<String> sha256) {
        }

        /**
         * Returns a probe through the JDK's HTTP client.
         *
         * @return a probe through the JDK's HTTP client (HEAD, or GET streamed through SHA-256)
         */
        static BfbProbe http() {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            return (url, needSha) -> {
                HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url));
                try {
                    if (!needSha) {
                        HttpResponse<Void> r = client.send(rb.method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.discarding());
                        return new Answer(r.statusCode(), Optional.empty());
                    }
                    HttpResponse<InputStream> r = client.send(rb.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                    try (InputStream in = r.body()) {
                        if (r.statusCode() / 100 != 2) {
                            return new Answer(r.statusCode(), Optional.empty());
                        }
                        MessageDigest md = MessageDigest.getInstance("SHA-256");
                        byte[] buf = new byte[1 << 16];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            md.update(buf, 0, n);
                        }
                        return new Answer(r.statusCode(), Optional.of(HexFormat.of().formatHex(md.digest())));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("SHA-256 is part of every JRE", e);
                }
            };
        }
    }

    /**
     * Reads the PF netdevs of each host from the labels DPF's dpu-detector puts on the Node objects.
     *
     * @param labelsByHost host node name to its labels (from the cluster's Node objects)
     * @return host to the PF netdevs DPF's dpu-detector saw there
     */
    public static Map<String, Set<String>> netdevsFromNodeLabels(Map<String, Map<String, String>> labelsByHost) {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        labelsByHost.forEach((h, l) -> {
            Set<String> s = new TreeSet<>();
            l.forEach((k, v) -> {
                if (k.matches("feature\\.node\\.kubernetes\\.io/dpu-\\d+-pf0-name") && v != null && !v.isEmpty()) {
                    s.add(v);
                }
            });
            out.put(h, s);
        });
        return out;
    }

    /**
     * Lists the netdevs of a host from its sysfs.
     *
     * @param root a directory holding {@code sys/class/net} ({@code /} on the host itself)
     * @return the netdevs there
     * @throws IOException when the directory cannot be listed
     */
    public static Set<String> netdevsFromSysfs(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("sys/class/net"))) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /**
     * Checks a configuration's DPF settings against the hosts' netdevs and the BFB URL.
     *
     * @param config   the configuration
     * @param netdevs  host to its netdevs; a DPF host absent here is reported as unknown
     * @param bfbProbe the probe, to check the BFB URL (and checksum when the configuration gives one)
     * @return every problem, each with its field path and fix; empty when the cards may be provisioned
     */
    public static List<Problem> check(DpuOffloadConfig config, Map<String, Set<String>> netdevs, Optional<BfbProbe> bfbProbe) {
        List<Problem> v = new ArrayList<>();
        List<DpuNode> all = config.nodes();
        for (int i = 0; i < all.size(); i++) {
            DpuNode n = all.get(i);
            if (config.targetOf(n) != DpuNode.Target.DPF) {
                continue;
            }
            String host = n.host().orElseThrow();
            Set<String> have = netdevs.get(host);
            if (have == null) {
                v.add(new Problem("nodes[" + i + "].host", "no facts for " + host + ": give its netdevs (node labels "
                        + PF0_LABEL + " or its /sys/class/net) so that the PF can be checked"));
            } else if (!have.contains(n.card().hostPf())) {
                v.add(new Problem("nodes[" + i + "].card.hostPf", n.card().hostPf() + " is not a netdev of " + host
                        + " (it has " + have + "); DPF's DMS cannot push the BFB without the PF netdev (known issue #2):"
                        + " load mlx5_core on the host or correct hostPf"));
            }
        }
        if (bfbProbe.isPresent() && config.dpf().isPresent() && !config.nodes(DpuNode.Target.DPF).isEmpty()) {
            String url = config.dpf().get().bfbUrl();
            Optional<String> want = config.dpf().get().bfbSha256();
            try {
                BfbProbe.Answer a = bfbProbe.get().probe(url, want.isPresent());
                if (a.status() / 100 != 2) {
                    v.add(new Problem("dpf.bfbUrl", url + " answers HTTP " + a.status() + "; the BFB would stay"
                            + " Downloading/Error and every DPU Pending (doca-platform #29): fix the URL"));
                } else if (want.isPresent() && a.sha256().isPresent() && !want.get().equals(a.sha256().get())) {
                    v.add(new Problem("dpf.bfbSha256", "the file at dpf.bfbUrl has SHA-256 " + a.sha256().get()
                            + ", not the one given: a truncated or different BFB; download it again or correct the checksum"));
                }
            } catch (IOException | IllegalArgumentException e) {
                v.add(new Problem("dpf.bfbUrl", url + " cannot be reached (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): fix the URL or the network"));
            }
        }
        return v;
    }
}
