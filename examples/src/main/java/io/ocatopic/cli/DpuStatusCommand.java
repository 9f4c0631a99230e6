package io.ocatopic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ocatopic.dpu.DpfSettings;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.dpf.DpfStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic dpu status}: the DPF provisioning status of each DPF host, explained. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Read DPU, DPUSet, BFB and DPUService status (DPF) and explain each host's phase, why it is stuck"
                + " or failed, and the recovery.",
            "The host cluster is chosen as kubectl does (--kubeconfig, KUBECONFIG, ~/.kube/config, the pod's service"
                + " account) and checked first: an unreachable one fails in seconds (exit 3) naming it. The namespace is"
                + " -n, else the config's dpf.namespace, else " + DpfSettings.DEFAULT_NAMESPACE + ".",
            "-o yaml|json prints {nodes[{host, dpu, phase, state, reason, recovery}], services[]}."},
        footer = {"", "Exit: 0 every DPU and DPUService ready, 1 not (yet), 2 bad input, 3 the cluster is unreachable.",
            "", "Examples:", "  ocatopic dpu status -f dpu.yaml --kubeconfig host.kubeconfig",
            "  ocatopic dpu status -f dpu.yaml --from recorded.yaml --deadline 45m -o json",
            "  kubectl get dpu,dpuset,bfb,dpuservice -A -o yaml | ocatopic dpu status -f dpu.yaml --from -"})
public final class DpuStatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DpuConfigFile config = new DpuConfigFile();

    @CommandLine.Mixin
    OutputOption output;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @Option(names = "--from", paramLabel = "FILE",
            description = "Explain recorded objects (YAML documents or a List; '-' for stdin) instead of reading a cluster.")
    String from;

    @Option(names = "--deadline", defaultValue = "30m",
            description = "How long a phase may last without progress (30m, 2h; default: ${DEFAULT-VALUE}).")
    String deadline;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Duration limit = parseDuration(deadline);
        if (Inputs.STDIN.equals(from) && Inputs.STDIN.equals(config.file)) {
            throw new IllegalArgumentException("-f - and --from - cannot both read stdin");
        }
        DpuOffloadConfig cfg = config.load();
        List<String> hosts = cfg.nodes(DpuNode.Target.DPF).stream().map(n -> n.host().orElseThrow()).toList();
        String ns = cluster.namespace != null ? cluster.namespace
                : cfg.dpf().map(DpfSettings::namespace).orElse(DpfSettings.DEFAULT_NAMESPACE);
        DpfStatus report;
        if (from != null) {
            String text = Inputs.read(from);
            List<Map<String, Object>> objects = new ArrayList<>();
            try {
                for (Object doc : new ObjectMapper(new YAMLFactory()).readerFor(Object.class).readValues(text).readAll()) {
                    collect(doc, objects);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + Inputs.name(from) + ": "
                        + String.valueOf(e.getMessage()).split("\n")[0], e);
            }
            report = DpfStatus.explain(objects, hosts, Instant.now(), limit);
        } else {
            try (KubernetesClient client = cluster.connect()) {
                report = DpfStatus.read(client, ns, hosts, Instant.now(), limit);
            }
        }
        output.print(out, report, () -> {
            for (DpfStatus.NodeStatus n : report.nodes()) {
                out.println(n.host() + "\t" + n.state() + "\t" + (n.phase().isEmpty() ? "-" : n.phase())
                        + (n.reason().isEmpty() ? "" : "\t" + n.reason()));
                if (!n.recovery().isEmpty() && !"wait".equals(n.recovery())) {
                    out.println("  recovery: " + n.recovery());
                }
            }
            report.services().forEach(s -> out.println("DPUService " + s));
        });
        return report.healthy() ? 0 : 1;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object doc, List<Map<String, Object>> into) {
        if (doc instanceof Map<?, ?> m) {
            if ("List".equals(m.get("kind")) && m.get("items") instanceof List<?> items) {
                items.forEach(i -> collect(i, into));
            } else {
                into.add((Map<String, Object>) m);
            }
        }
    }

    static Duration parseDuration(String s) {
        if (s != null && s.matches("\\d+[smh]")) {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        throw new IllegalArgumentException("--deadline must be a number with s, m or h (30m), got '" + s + "'");
    }
}
