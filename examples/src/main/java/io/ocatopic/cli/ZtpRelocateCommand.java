package io.ocatopic.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ocatopic.kube.Applier;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import io.ocatopic.ztp.workflow.FactoryWorkflow;
import io.ocatopic.ztp.workflow.Relocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic ztp relocate FILE --cluster C --machine-network CIDR --gateway IP --api-vip IP --ingress-vip IP
 * --new-base-domain D [--dns IP]... [--state FILE] [--dry-run | --spoke-kubeconfig K [--kubeconfig HUB]]}: moves a
 * multi-node cluster to a new network, resumably (FactoryWorkflow.relocate). The hub is {@link ClusterOptions}'
 * cluster; the spoke is {@code --spoke-kubeconfig}. {@code --dry-run} touches no cluster. Stdout carries the
 * {@link Planned} or {@link Relocated} result; step events and the limits' notes after a run go to stderr.
 */
@Command(name = "relocate", mixinStandardHelpOptions = true,
        description = "Move a multi-node cluster to a new machine network, VIPs, DNS and base domain (resumable).",
        footer = {"", "The hub is --kubeconfig (or KUBECONFIG, ~/.kube/config, in-cluster); the spoke is --spoke-kubeconfig.",
                "Prints the plan and its limits (-o yaml|json: plan, limits) or what ran (-o yaml|json: executed, "
                        + "skipped, limits).",
                "Exit: 0 done (or planned), 2 bad input, 3 a cluster refused or was unreachable.", "",
                "Examples:",
                "  ocatopic ztp relocate chassis.yaml --cluster edge-1 --machine-network 10.20.0.0/24 --gateway 10.20.0.1 "
                        + "--api-vip 10.20.0.5 --ingress-vip 10.20.0.6 --dns 10.20.0.1 --new-base-domain store-7.example.net --dry-run",
                "  ocatopic ztp relocate chassis.yaml --cluster edge-1 --machine-network 10.20.0.0/24 --gateway 10.20.0.1 "
                        + "--api-vip 10.20.0.5 --ingress-vip 10.20.0.6 --new-base-domain store-7.example.net "
                        + "--kubeconfig hub.kc --spoke-kubeconfig edge-1.kc --state relocate.state.json -o json"})
public final class ZtpRelocateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @CommandLine.Mixin
    ClusterOptions hubCluster;

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--cluster", required = true, description = "Cluster name.")
    String cluster;

    @Option(names = "--machine-network", required = true, description = "New machine network (CIDR).")
    String machineNetwork;

    @Option(names = "--gateway", required = true, description = "Its gateway.")
    String gateway;

    @Option(names = "--api-vip", required = true, description = "New API VIP.")
    String apiVip;

    @Option(names = "--ingress-vip", required = true, description = "New ingress VIP.")
    String ingressVip;

    @Option(names = "--dns", description = "Site DNS server (repeat).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--new-base-domain", required = true, description = "New base domain.")
    String baseDomain;

    @Option(names = "--state", description = "Checkpoint file; a failed run resumes from it.")
    Path state;

    @Option(names = "--dry-run", description = "Print the plan and what needs a reboot or cannot change; touch nothing.")
    boolean dryRun;

    @Option(names = "--spoke-kubeconfig", paramLabel = "FILE", description = "Kubeconfig of the spoke (required unless "
            + "--dry-run; - reads stdin); the hub is the --kubeconfig cluster.")
    String spokeKubeconfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The {@code --dry-run} result.
     *
     * @param plan   every step, with whether the state file marks it done
     * @param limits what a relocation cannot do in place
     */
    record Planned(List<FactoryWorkflow.PlannedStep> plan, List<String> limits) {
    }

    /**
     * The result of a run.
     *
     * @param executed steps run now
     * @param skipped  steps done before
     * @param limits   what a relocation cannot do in place
     */
    record Relocated(List<String> executed, List<String> skipped, List<String> limits) {
    }

    @Override
    public Integer call() throws Exception {
        ZtpReconnectCommand.oneStdin(spec, input.file, input.pullSecretFile, spokeKubeconfig);
        var s = input.load();
        Relocation to = new Relocation(machineNetwork, gateway, apiVip, ingressVip, dns, baseDomain);
        to.apply(s, s.cluster(cluster).name());   // validates the target before anything is touched
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            FactoryWorkflow wf = FactoryWorkflow.builder(s).hub(new NoApi()).build();
            Planned p = new Planned(wf.relocationPlan(cluster, to, Optional.ofNullable(state)),
                    FactoryWorkflow.RELOCATION_LIMITS);
            output.print(out, p, () -> {
                p.plan().forEach(out::println);
                p.limits().forEach(l -> out.println("[note] " + l));
            });
            return 0;
        }
        if (spokeKubeconfig == null) {
            throw new IllegalArgumentException("--spoke-kubeconfig is required unless --dry-run");
        }
        Config spokeConfig = ZtpReconnectCommand.kubeconfig(spokeKubeconfig);
        try (KubernetesClient hubClient = hubCluster.connect();
             KubernetesClient spokeClient = ZtpReconnectCommand.connect(spokeConfig,
                     "--spoke-kubeconfig " + Inputs.name(spokeKubeconfig))) {
            FactoryWorkflow wf = FactoryWorkflow.builder(s).hub(ClusterApi.of(Applier.auto(hubClient)))
                    .listener(ZtpRunCommand.events(spec, "%-16s %s %s%n", true))
                    .build();
            var r = wf.relocate(cluster, ClusterApi.of(Applier.auto(spokeClient)), to, Optional.ofNullable(state));
            Relocated done = new Relocated(r.executed(), r.skipped(), FactoryWorkflow.RELOCATION_LIMITS);
            output.print(out, done, () -> out.println("executed " + done.executed() + ", skipped " + done.skipped()));
            PrintWriter err = spec.commandLine().getErr();
            FactoryWorkflow.RELOCATION_LIMITS.forEach(l -> err.println("note: " + l));
            err.flush();
            return 0;
        }
    }

    /** A hub handle for a dry run (relocate's, run's): never called. */
    static final class NoApi implements ClusterApi {
        @Override
        public <T extends io.fabric8.kubernetes.api.model.HasMetadata> T apply(T object) {
            throw new IllegalStateException("dry run");
        }

        @Override
        public boolean delete(io.fabric8.kubernetes.api.model.HasMetadata object) {
            throw new IllegalStateException("dry run");
        }

        @Override
        public <T extends io.fabric8.kubernetes.api.model.HasMetadata> Optional<T> get(Class<T> t, String ns, String n) {
            throw new IllegalStateException("dry run");
        }

        @Override
        public boolean reachable() {
            return false;
        }

        @Override
        public String endpoint() {
            return "(dry run)";
        }
    }
}
