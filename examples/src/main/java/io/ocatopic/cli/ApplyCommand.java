package io.ocatopic.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * storing any ({@code kubectl apply --dry-run=server}).
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply Kubernetes YAML through ocatopic's apply path, or check it on the cluster with --dry-run=server.",
        footer = {"", "Exit: 0 applied (or accepted), 1 the server refused an object, 2 bad input, 3 the cluster is unreachable.",
            "", "Examples:", "  ocatopic apply -f out/hub --dry-run=server --kubeconfig hub.kubeconfig",
            "  ocatopic dpu render -f dpu.yaml | ocatopic apply -f - --context hub"})
public final class ApplyCommand implements Callable<Integer> {
    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "YAML or JSON files, folders, or - for stdin (repeatable).")
    List<String> inputs;

    @Option(names = "--dry-run", paramLabel = "MODE", defaultValue = "none",
            description = "none (apply) or server (check on the server, store nothing).")
    String dryRun;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig (default: KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: its current context).")
    String context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!dryRun.equals("none") && !dryRun.equals("server")) {
            err.println("ocatopic apply: --dry-run=" + dryRun + " is not one of none, server");
            return 2;
        }
        List<HasMetadata> objects = new ArrayList<>();
        try {
            for (YamlDocuments.Doc d : YamlDocuments.read(inputs, System.in)) {
                if (d.tree() == null || d.tree().get("apiVersion") == null || d.tree().get("kind") == null) {
                    err.println("ocatopic apply: " + d.where() + ": not a Kubernetes object (apiVersion and kind are required)");
                    return 2;
                }
                objects.add(Serialization.jsonMapper().convertValue(d.tree(), GenericKubernetesResource.class));
            }
        } catch (YamlDocuments.BadInput e) {
            err.println("ocatopic apply: " + e.getMessage());
            return 2;
        }
        Config config;
        try {
            config = kubeconfig != null ? io.ocatopic.kube.internal.Kubeconfigs.parse(Files.readString(kubeconfig), kubeconfig.toString(), context)
                    : Config.autoConfigure(context);
        } catch (KubeException e) {
            err.println("ocatopic apply: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("ocatopic apply: cannot read the kubeconfig" + (kubeconfig == null ? "" : " " + kubeconfig)
                    + (context == null ? "" : " (context " + context + ")"));
            return 2;
        }
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            return apply(client, objects, out, err);
        }
    }

    /** Applies (or dry-runs) the objects; the exit code. */
    int apply(KubernetesClient client, List<HasMetadata> objects, PrintWriter out, PrintWriter err) {
        Applier applier = Applier.auto(client);
        if (dryRun.equals("server")) {
            applier = applier.serverDryRun();
        }
        int refused = 0;
        for (HasMetadata o : objects) {
            String ref = o.getKind() + "/" + (o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace() + "/")
                    + o.getMetadata().getName();
            try {
                applier.apply(o);
                out.println(ref + (dryRun.equals("server") ? " accepted (server dry run)" : " applied"));
            } catch (KubeException e) {
                if (e.reason() == KubeException.Reason.UNREACHABLE) {
                    err.println("ocatopic apply: " + e.getMessage());
                    return 3;
                }
                refused++;
                err.println("ocatopic apply: " + e.getMessage());
            }
        }
        out.flush();
        err.flush();
        return refused == 0 ? 0 : 1;
    }
}
