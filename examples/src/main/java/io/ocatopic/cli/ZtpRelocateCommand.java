package io.ocatopic.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ocatopic.kube.Applier;
import io.ocatopic.ztp.internal.ZtpFiles;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import io.ocatopic.ztp.workflow.FactoryWorkflow;
import io.ocatopic.ztp.workflow.Relocation;
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
 * --new-base-domain D [--dns IP]... [--state FILE] [--dry-run | --spoke-kubeconfig K]}: moves a multi-node
 * cluster to a new network, resumably (FactoryWorkflow.relocate).
 */
@Command(name = "relocate", mixinStandardHelpOptions = true,
        description = "Move a multi-node cluster to a new machine network, VIPs, DNS and base domain (resumable).",
        footer = {"", "Exit: 0 done (or planned), 2 bad input, 3 a cluster refused or was unreachable.", "",
                "Examples:",
                "  ocatopic ztp relocate chassis.yaml --cluster edge-1 --machine-network 10.20.0.0/24 --gateway 10.20.0.1 "
                        + "--api-vip 10.20.0.5 --ingress-vip 10.20.0.6 --dns 10.20.0.1 --new-base-domain store-7.example.net --dry-run",
                "  ... same options ... --spoke-kubeconfig edge-1.kc --state relocate.state.json"})
public final class ZtpRelocateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @Option(names = "--cluster", required = true, description = "Cluster name")
    String cluster;

    @Option(names = "--machine-network", required = true, description = "New machine network (CIDR)")
    String machineNetwork;

    @Option(names = "--gateway", required = true, description = "Its gateway")
    String gateway;

    @Option(names = "--api-vip", required = true, description = "New API VIP")
    String apiVip;

    @Option(names = "--ingress-vip", required = true, description = "New ingress VIP")
    String ingressVip;

    @Option(names = "--dns", description = "Site DNS server (repeat)")
    List<String> dns = new ArrayList<>();

    @Option(names = "--new-base-domain", required = true, description = "New base domain")
    String baseDomain;

    @Option(names = "--state", description = "Checkpoint file; a failed run resumes from it")
    Path state;

    @Option(names = "--dry-run", description = "Print the plan and what needs a reboot or cannot change; touch nothing")
    boolean dryRun;

    @Option(names = "--spoke-kubeconfig", description = "Kubeconfig of the spoke (required unless --dry-run); "
            + "the hub is the current kubeconfig's cluster")
    Path spokeKubeconfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var s = input.load();
        Relocation to = new Relocation(machineNetwork, gateway, apiVip, ingressVip, dns, baseDomain);
        to.apply(s, s.cluster(cluster).name());   // validates the target before anything is touched
        if (dryRun) {
            FactoryWorkflow wf = FactoryWorkflow.builder(s).hub(new NoApi()).build();
            wf.relocationPlan(cluster, to, Optional.ofNullable(state)).forEach(p -> spec.commandLine().getOut().println(p));
            FactoryWorkflow.RELOCATION_LIMITS.forEach(l -> spec.commandLine().getOut().println("[note] " + l));
            return 0;
        }
        if (spokeKubeconfig == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spoke-kubeconfig is required unless --dry-run");
        }
        try (var hubClient = new KubernetesClientBuilder().build();
             var spokeClient = new KubernetesClientBuilder()
                     .withConfig(Config.fromKubeconfig(ZtpFiles.read(spokeKubeconfig))).build()) {
            FactoryWorkflow wf = FactoryWorkflow.builder(s).hub(ClusterApi.of(Applier.auto(hubClient)))
                    .listener(e -> spec.commandLine().getErr().printf("%-16s %s %s%n", e.kind(), e.step(), e.message()))
                    .build();
            var r = wf.relocate(cluster, ClusterApi.of(Applier.auto(spokeClient)), to, Optional.ofNullable(state));
            spec.commandLine().getOut().println("executed " + r.executed() + ", skipped " + r.skipped());
            FactoryWorkflow.RELOCATION_LIMITS.forEach(l -> spec.commandLine().getErr().println("note: " + l));
            return 0;
        }
    }

    /** A hub handle for the dry run: never called. */
    private static final class NoApi implements ClusterApi {
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
