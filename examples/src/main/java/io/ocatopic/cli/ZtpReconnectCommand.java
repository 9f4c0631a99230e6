package io.ocatopic.cli;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ocatopic.kube.Applier;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import io.ocatopic.ztp.workflow.FactoryWorkflow;
import io.ocatopic.ztp.internal.ZtpFiles;
import io.ocatopic.ztp.workflow.SiteEndpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic ztp reconnect FILE --cluster C --spoke-kubeconfig K [--api-url U] [--new-base-domain D]
 * [--api-vip IP] [--ingress-vip IP] [--auto]}.
 */
@Command(name = "reconnect", mixinStandardHelpOptions = true,
        description = "Re-import a relocated cluster into the hub of the current kubeconfig; --auto keeps "
                + "probing the hub with backoff and re-imports after every outage; --hub moves it to another hub.",
        footer = {"", "Exit: 0 done, 2 bad input, 3 a cluster refused or was unreachable.", "", "Examples:",
                "  ocatopic ztp reconnect chassis.yaml --cluster edge-1 --spoke-kubeconfig edge-1.kc "
                        + "--new-base-domain store-7.example.net",
                "  KUBECONFIG=hub-b.kc ocatopic ztp reconnect chassis.yaml --cluster edge-1 --spoke-kubeconfig "
                        + "edge-1.kc --hub https://api.hub-b.example.net:6443 --hub-ca hub-b-ca.pem "
                        + "--hub-token-file token --old-hub-kubeconfig hub-a.kc"})
public final class ZtpReconnectCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @Option(names = "--cluster", required = true, description = "Cluster name")
    String cluster;

    @Option(names = "--spoke-kubeconfig", required = true, description = "Kubeconfig of the spoke on site")
    Path spokeKubeconfig;

    @Option(names = "--api-url", description = "The spoke's new API URL (default: https://api.<cluster>."
            + "<new base domain>:6443 when --new-base-domain is given, else the spoke kubeconfig's server)")
    String apiUrl;

    @Option(names = "--new-base-domain", description = "The cluster's new base domain on site (--base-domain is the factory's, for ZTPFW files)")
    String baseDomain;

    @Option(names = "--api-vip", description = "The cluster's new API VIP on site (recorded on the ManagedCluster)")
    String apiVip;

    @Option(names = "--ingress-vip", description = "The cluster's new ingress VIP on site (recorded on the ManagedCluster)")
    String ingressVip;

    @Option(names = "--hub", description = "Move the spoke to this hub (its API URL); the current kubeconfig's "
            + "cluster is that hub. Needs --hub-ca and --hub-token-file")
    String hubUrl;

    @Option(names = "--hub-ca", description = "PEM CA bundle of the --hub API (also: after a hub CA rotation)")
    Path hubCa;

    @Option(names = "--hub-token-file", description = "Bootstrap token for the klusterlet on the --hub (file, 0600)")
    Path hubTokenFile;

    @Option(names = "--old-hub-kubeconfig", description = "Kubeconfig of the hub the spoke leaves; its objects "
            + "of the cluster are deleted there (omit after a CA rotation or when the old hub is gone)")
    Path oldHubKubeconfig;

    @Option(names = "--auto", description = "Run the automatic reconnection loop until interrupted")
    boolean auto;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var s = input.load();
        try (var hubClient = new KubernetesClientBuilder().build();
             var spokeClient = new KubernetesClientBuilder()
                     .withConfig(io.ocatopic.kube.internal.Kubeconfigs.parse(ZtpFiles.read(spokeKubeconfig), String.valueOf(spokeKubeconfig), null)).build()) {
            ClusterApi hub = ClusterApi.of(Applier.auto(hubClient));
            ClusterApi spoke = ClusterApi.of(Applier.auto(spokeClient));
            SiteEndpoint site = SiteEndpoint.unchanged().withBaseDomain(baseDomain).withApiVip(apiVip)
                    .withIngressVip(ingressVip)
                    .withApiUrl(apiUrl != null || baseDomain != null ? apiUrl : spoke.endpoint());
            if (auto) {
                FactoryWorkflow.ReconnectResult r = FactoryWorkflow.builder(s).hub(hub)
                        .listener(e -> spec.commandLine().getOut().printf("%-16s %s%n", e.kind(), e.message()))
                        .build().reconnectLoop(cluster, spoke, site, () -> false);
                spec.commandLine().getOut().println(r);
                return 0;
            }
            if (hubUrl != null) {
                if (hubCa == null || hubTokenFile == null) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--hub needs --hub-ca FILE and --hub-token-file FILE");
                }
                var conn = io.ocatopic.ztp.HubConnection.of(hubUrl, ZtpFiles.read(hubCa),
                        io.ocatopic.kube.Secret.fromFile(hubTokenFile));
                var wf = FactoryWorkflow.builder(s).hub(hub)
                        .listener(e -> spec.commandLine().getErr().printf("%-16s %s%n", e.kind(), e.message())).build();
                if (oldHubKubeconfig == null) {
                    wf.moveToHub(cluster, spoke, null, conn);
                } else {
                    try (var oldClient = new KubernetesClientBuilder()
                            .withConfig(io.ocatopic.kube.internal.Kubeconfigs.parse(ZtpFiles.read(oldHubKubeconfig), String.valueOf(oldHubKubeconfig), null)).build()) {
                        wf.moveToHub(cluster, spoke, ClusterApi.of(Applier.auto(oldClient)), conn);
                    }
                }
                return 0;
            }
            FactoryWorkflow.builder(s).hub(hub)
                    .listener(e -> spec.commandLine().getOut().printf("%-16s %s%n", e.kind(), e.message()))
                    .build().reconnect(cluster, spoke, site);
            return 0;
        }
    }
}
