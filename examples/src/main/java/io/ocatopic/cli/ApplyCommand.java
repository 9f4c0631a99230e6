package io.ocatopic.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic apply -f FILE|DIR|- [--dry-run=server]}: writes Kubernetes YAML through ocatopic's one
 * apply path ({@link Applier}: server-side apply, field validation strict), or, with
 * {@code --dry-run=server}, has the cluster check every object through its whole admission chain without
 * storing any ({@code kubectl apply --dry-run=server}). The cluster comes from {@link ClusterOptions} and is
 * checked before anything is sent.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply Kubernetes YAML through ocatopic's apply path, or check it on the cluster with --dry-run=server.",
        footer = {"", "Exit: 0 applied (or accepted), 1 the server refused an object, 2 bad input, 3 the cluster is unreachable.",
            "", "Examples:", "  ocatopic apply -f out/hub --dry-run=server --kubeconfig hub.kubeconfig",
            "  ocatopic dpu render -f dpu.yaml --cluster infra | ocatopic apply -f - --context infra",
            "  ocatopic apply -f module.yaml -o json"})
public final class ApplyCommand implements Callable<Integer> {
    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "YAML or JSON files, folders, or - for stdin (repeatable).")
    List<String> inputs;

    @Option(names = "--dry-run", paramLabel = "MODE", defaultValue = "none",
            description = "none (apply) or server (check on the server, store nothing).")
    String dryRun;

    @CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @CommandLine.Mixin
    OutputOption output = new OutputOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * What happened to one object, printed by {@code -o yaml|json}.
     *
     * @param kind      its kind
     * @param namespace its namespace, or null
     * @param name      its name
     * @param result    {@code applied}, {@code accepted} (server dry run) or {@code refused}
     * @param message   why the server refused it, or null
     */
    record Applied(String kind, String namespace, String name, String result, String message) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!dryRun.equals("none") && !dryRun.equals("server")) {
            throw new IllegalArgumentException("--dry-run=" + dryRun + " is not one of none, server");
        }
        List<HasMetadata> objects = new ArrayList<>();
        try {
            for (YamlDocuments.Doc d : YamlDocuments.read(inputs, System.in)) {
                if (d.tree() == null || d.tree().get("apiVersion") == null || d.tree().get("kind") == null) {
                    throw new IllegalArgumentException(d.where() + ": not a Kubernetes object (apiVersion and kind are required)");
                }
                objects.add(Serialization.jsonMapper().convertValue(d.tree(), GenericKubernetesResource.class));
            }
        } catch (YamlDocuments.BadInput e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try (KubernetesClient client = cluster.connect()) {
            return apply(client, objects, out, err);
        }
    }

    /** Applies (or dry-runs) the objects; the exit code. */
    int apply(KubernetesClient client, List<HasMetadata> objects, PrintWriter out, PrintWriter err) {
        Applier applier = Applier.auto(client);
        if (dryRun.equals("server")) {
            applier = applier.serverDryRun();
        }
        List<Applied> results = new ArrayList<>();
        for (HasMetadata o : objects) {
            String ns = o.getMetadata().getNamespace();
            try {
                applier.apply(o);
                results.add(new Applied(o.getKind(), ns, o.getMetadata().getName(),
                        dryRun.equals("server") ? "accepted" : "applied", null));
            } catch (KubeException e) {
                if (e.reason() == KubeException.Reason.UNREACHABLE) {
                    throw e;
                }
                results.add(new Applied(o.getKind(), ns, o.getMetadata().getName(), "refused", e.getMessage()));
                err.println(spec.qualifiedName() + ": " + e.getMessage().replace('\n', ' '));
            }
        }
        err.flush();
        output.print(out, results, () -> {
            for (Applied a : results) {
                if (a.message() == null) {
                    out.println(a.kind() + "/" + (a.namespace() == null ? "" : a.namespace() + "/") + a.name()
                            + (a.result().equals("accepted") ? " accepted (server dry run)" : " applied"));
                }
            }
        });
        return results.stream().anyMatch(a -> a.message() != null) ? 1 : 0;
    }
}
