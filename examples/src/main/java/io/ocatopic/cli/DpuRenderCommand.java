package io.ocatopic.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.dpf.DpfResources;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.kube.Manifests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic dpu render}: renders both clusters' resources of a DpuOffloadConfig file. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a DPU offload config (YAML): shared-OVN nodes to the infra and tenant clusters, DPF"
                + " (BlueField-3) nodes to the DPF host cluster.",
            "With --cluster, stdout is a multi-document YAML stream of that cluster's Kubernetes objects only, for"
                + " 'kubectl apply -f -' or 'ocatopic apply -f -'; in text (the default) the node labels to set follow"
                + " as '#' comments; -o yaml prints the same stream without them, -o json an array of the same objects.",
            "With --out-dir, every file is written below DIR (infra/, tenant/ with node-labels.yaml, dpf/; only the"
                + " --cluster's when given) and the paths are listed on stderr (-o yaml|json prints {files[]} on stdout).",
            "One of --cluster and --out-dir is required: the objects of different clusters never share one stream."},
        footer = {"", "Examples:",
            "  ocatopic dpu render -f dpu.yaml --out-dir out/",
            "  ocatopic dpu render -f dpu.yaml --cluster infra | ocatopic apply -f - --dry-run=server --kubeconfig infra.kubeconfig",
            "  ocatopic dpu render -f dpu.yaml --cluster dpf -o json",
            "  cat dpu.yaml | ocatopic dpu render -f - --cluster tenant"})
public final class DpuRenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DpuConfigFile config = new DpuConfigFile();

    @CommandLine.Mixin
    OutputOption output;

    /** The clusters a config renders for. */
    enum Cluster {
        /** The infrastructure cluster of the DPU nodes (dpu-network-operator). */
        INFRA,
        /** The tenant cluster of the hosts. */
        TENANT,
        /** The host cluster where the DPF operator runs (BlueField-3 nodes). */
        DPF
    }

    @Option(names = "--cluster", paramLabel = "CLUSTER",
            description = "Print the objects of one cluster: infra, tenant or dpf (the DPF host cluster).")
    Cluster cluster;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Write one file per object below this directory.")
    Path outDir;

    /**
     * What {@code -o yaml|json} prints with {@code --out-dir}.
     *
     * @param files the files written
     */
    record Written(List<String> files) {
    }

    @Override
    public Integer call() throws IOException {
        if (cluster == null && outDir == null) {
            throw new IllegalArgumentException(
                    "give --cluster infra|tenant|dpf to print one cluster's objects, or --out-dir DIR to write every file");
        }
        // failures propagate: Ocatopic reports them in one line and maps them to the exit code
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DpuOffloadConfig cfg = config.load();
        DpuResources r = cfg.render();
        DpfResources dpf = cfg.renderDpf();
        if (outDir != null) {
            Map<String, String> files = new LinkedHashMap<>();
            if (cluster == null || cluster != Cluster.DPF) {
                String prefix = cluster == null ? "" : cluster.name().toLowerCase(java.util.Locale.ROOT) + "/";
                r.files().forEach((name, text) -> {
                    if (name.startsWith(prefix)) {
                        files.put(name, text);
                    }
                });
            }
            if (cluster == null || cluster == Cluster.DPF) {
                files.putAll(dpf.files());
            }
            List<Path> written = new ArrayList<>();
            try {
                written.addAll(io.ocatopic.kube.internal.AtomicFiles.writeAllUnder(outDir, files));
            } catch (IOException e) {
                throw new IOException("cannot write below " + outDir + ": " + e.getMessage(), e);
            }
            if (output.text()) {
                if (!Ocatopic.quiet(spec)) {
                    written.forEach(p -> err.println("wrote " + p));
                    err.flush();
                }
            } else {
                output.print(out, new Written(written.stream().map(Path::toString).toList()), () -> { });
            }
            return 0;
        }
        List<HasMetadata> objects = switch (cluster) {
            case INFRA -> r.infra();
            case TENANT -> r.tenant();
            case DPF -> dpf.hostCluster();
        };
        Map<String, Map<String, String>> labels = switch (cluster) {
            case INFRA -> r.infraNodeLabels();
            case TENANT -> r.tenantNodeLabels();
            case DPF -> Map.of();
        };
        output.print(out, objects, () -> {
            out.print(objects.isEmpty() ? "" : Manifests.yaml(objects));
            if (!labels.isEmpty()) {
                out.println("# node labels to set on the " + cluster.name().toLowerCase(java.util.Locale.ROOT) + " cluster:");
                labels.forEach((node, l) -> out.println("#   kubectl label node " + node + " " + l.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
            }
        });
        return 0;
    }
}
