package io.ocatopic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ocatopic.dpu.DpfSettings;
import io.ocatopic.dpu.DpuException;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.dpf.DpfStatus;
import io.ocatopic.kube.Manifests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        description = "Read DPU, DPUSet, BFB and DPUService status (DPF) and explain each host's phase, why it is stuck"
                + " or failed, and the recovery.",
        footer = {"", "Exit: 0 every DPU and DPUService ready, 1 not (yet), 2 bad input, 3 the cluster is unreachable.",
            "", "Examples:", "  ocatopic dpu status -f dpu.yaml --kubeconfig host.kubeconfig",
            "  ocatopic dpu status -f dpu.yaml --from recorded.yaml --deadline 45m -o json"})
public final class DpuStatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DpuConfigFile config = new DpuConfigFile();

    @Option(names = "--from", paramLabel = "FILE", description = "explain recorded objects (YAML documents or a List) instead of reading a cluster")
    Path from;

    @Option(names = "--deadline", defaultValue = "30m", description = "how long a phase may last without progress (30m, 2h; default 30m)")
    String deadline;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text, yaml or json (default text)")
    String output;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The host cluster's kubeconfig (default: KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: its current context).")
    String context;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DpuOffloadConfig cfg;
        Duration limit;
        try {
            cfg = config.load();
            limit = parseDuration(deadline);
        } catch (DpuException | IllegalArgumentException | java.nio.file.NoSuchFileException e) {
            err.println("ocatopic dpu status: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file: " + config.file : e.getMessage()));
            err.flush();
            return 2;
        }
        if (!List.of("text", "yaml", "json").contains(output)) {
            err.println("ocatopic dpu status: -o must be text, yaml or json, got '" + output + "'");
            err.flush();
            return 2;
        }
        List<String> hosts = cfg.nodes(DpuNode.Target.DPF).stream().map(n -> n.host().orElseThrow()).toList();
        String ns = cfg.dpf().map(DpfSettings::namespace).orElse(DpfSettings.DEFAULT_NAMESPACE);
        DpfStatus report;
        if (from != null) {
            List<Map<String, Object>> objects = new ArrayList<>();
            try {
                for (Object doc : new ObjectMapper(new YAMLFactory()).readerFor(Object.class).readValues(Files.readString(from)).readAll()) {
                    collect(doc, objects);
                }
            } catch (IOException e) {
                err.println("ocatopic dpu status: cannot read " + from + ": " + e.getMessage().split("\n")[0]);
                err.flush();
                return 2;
            }
            report = DpfStatus.explain(objects, hosts, Instant.now(), limit);
        } else {
            Config config;
            try {
                config = kubeconfig != null ? Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString())
                        : Config.autoConfigure(context);
            } catch (IOException | RuntimeException e) {
                err.println("ocatopic dpu status: cannot read the kubeconfig" + (kubeconfig == null ? "" : " " + kubeconfig)
                        + (context == null ? "" : " (context " + context + ")"));
                err.flush();
                return 2;
            }
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                report = DpfStatus.read(client, ns, hosts, Instant.now(), limit);
            } catch (DpuException e) {
                err.println("ocatopic dpu status: " + e.getMessage().split("\n")[0]);
                err.flush();
                return 3;
            }
        }
        switch (output) {
            case "yaml" -> out.print(Manifests.yaml(report));
            case "json" -> out.println(Manifests.json(report));
            default -> {
                for (DpfStatus.NodeStatus n : report.nodes()) {
                    out.println(n.host() + "\t" + n.state() + "\t" + (n.phase().isEmpty() ? "-" : n.phase())
                            + (n.reason().isEmpty() ? "" : "\t" + n.reason()));
                    if (!n.recovery().isEmpty() && !"wait".equals(n.recovery())) {
                        out.println("  recovery: " + n.recovery());
                    }
                }
                report.services().forEach(s -> out.println("DPUService " + s));
            }
        }
        out.flush();
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
