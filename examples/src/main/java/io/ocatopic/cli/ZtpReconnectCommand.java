package io.ocatopic.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.internal.Kubeconfigs;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.HubConnection;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;
import io.ocatopic.ztp.workflow.FactoryWorkflow;
import io.ocatopic.ztp.workflow.SiteEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic ztp reconnect FILE --cluster C --spoke-kubeconfig K [--api-url U] [--new-base-domain D]
 * [--api-vip IP] [--ingress-vip IP] [--auto | --hub URL --hub-ca PEM --hub-token-file F [--old-hub-kubeconfig K]]}.
 * The hub is {@link ClusterOptions}' cluster ({@code --kubeconfig}, {@code --context}); the spoke, and the old hub
 * a spoke leaves, are second and third clusters with their own clearly named options. Every input is read and
 * validated before any cluster is contacted; then each cluster is preflighted (exit 3 in seconds when one does not
 * answer). Workflow events are progress, on stderr; stdout carries the {@link Reconnected} result.
 */
@Command(name = "reconnect", mixinStandardHelpOptions = true,
        description = "Re-import a relocated cluster into the hub (--kubeconfig, KUBECONFIG, ~/.kube/config or in-cluster); "
                + "--auto keeps probing the hub with backoff and re-imports after every outage; --hub moves it to another hub.",
        footer = {"", "The spoke is --spoke-kubeconfig; with --hub, the hub it leaves is --old-hub-kubeconfig.",
                "Prints what was done (-o yaml|json: cluster, action, apiUrl, hub, loop). Workflow events go to stderr.",
                "Exit: 0 done, 2 bad input, 3 a cluster refused or was unreachable.", "", "Examples:",
                "  ocatopic ztp reconnect chassis.yaml --cluster edge-1 --spoke-kubeconfig edge-1.kc "
                        + "--new-base-domain store-7.example.net",
                "  ocatopic ztp reconnect chassis.yaml --kubeconfig hub-b.kc --cluster edge-1 --spoke-kubeconfig "
                        + "edge-1.kc --hub https://api.hub-b.example.net:6443 --hub-ca hub-b-ca.pem "
                        + "--hub-token-file token --old-hub-kubeconfig hub-a.kc",
                "  ocatopic ztp reconnect chassis.yaml --cluster ship-1 --spoke-kubeconfig ship-1.kc --auto"})
public final class ZtpReconnectCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ZtpInput input;

    @CommandLine.Mixin
    ClusterOptions hubCluster;

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--cluster", required = true, description = "Cluster name.")
    String cluster;

    @Option(names = "--spoke-kubeconfig", paramLabel = "FILE", required = true,
            description = "Kubeconfig of the spoke on site (- reads stdin).")
    String spokeKubeconfig;

    @Option(names = "--api-url", description = "The spoke's new API URL (default: https://api.<cluster>."
            + "<new base domain>:6443 when --new-base-domain is given, else the spoke kubeconfig's server).")
    String apiUrl;

    @Option(names = "--new-base-domain", description = "The cluster's new base domain on site (--base-domain is the factory's, for ZTPFW files).")
    String baseDomain;

    @Option(names = "--api-vip", description = "The cluster's new API VIP on site (recorded on the ManagedCluster).")
    String apiVip;

    @Option(names = "--ingress-vip", description = "The cluster's new ingress VIP on site (recorded on the ManagedCluster).")
    String ingressVip;

    @Option(names = "--hub", paramLabel = "URL", description = "Move the spoke to this hub (its API URL); the "
            + "--kubeconfig cluster is that hub. Needs --hub-ca and --hub-token-file.")
    String hubUrl;

    @Option(names = "--hub-ca", paramLabel = "PEM", description = "PEM CA bundle of the --hub API (also: after a hub CA rotation; - reads stdin).")
    String hubCa;

    @Option(names = "--hub-token-file", paramLabel = "FILE", description = "Bootstrap token for the klusterlet on the --hub (file, 0600).")
    Path hubTokenFile;

    @Option(names = "--old-hub-kubeconfig", paramLabel = "FILE", description = "Kubeconfig of the hub the spoke leaves; its objects "
            + "of the cluster are deleted there (omit after a CA rotation or when the old hub is gone; - reads stdin).")
    String oldHubKubeconfig;

    @Option(names = "--auto", description = "Run the automatic reconnection loop until interrupted.")
    boolean auto;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The {@code -o yaml|json} result.
     *
     * @param cluster the cluster
     * @param action  {@code reconnect}, {@code move-hub} or {@code auto}
     * @param apiUrl  the spoke API URL the hub now records ({@code reconnect}, {@code auto}), else null
     * @param hub     the hub's API URL ({@code --hub} for a move)
     * @param loop    what the {@code --auto} loop did, else null
     */
    record Reconnected(String cluster, String action, String apiUrl, String hub, FactoryWorkflow.ReconnectResult loop) {
    }

    @Override
    public Integer call() throws Exception {
        oneStdin(spec, input.file, input.pullSecretFile, spokeKubeconfig, hubCa, oldHubKubeconfig);
        ChassisSpec s = input.load();
        ChassisSpec.Cluster c = s.cluster(cluster);
        if (hubUrl != null && (hubCa == null || hubTokenFile == null)) {
            throw new IllegalArgumentException("--hub needs --hub-ca FILE and --hub-token-file FILE");
        }
        Config spokeConfig = kubeconfig(spokeKubeconfig);
        SiteEndpoint site = SiteEndpoint.unchanged().withBaseDomain(baseDomain).withApiVip(apiVip)
                .withIngressVip(ingressVip)
                .withApiUrl(apiUrl != null || baseDomain != null ? apiUrl : spokeConfig.getMasterUrl());
        Config oldHubConfig = oldHubKubeconfig == null ? null : kubeconfig(oldHubKubeconfig);
        HubConnection conn = hubUrl == null ? null
                : HubConnection.of(hubUrl, Inputs.read(hubCa), io.ocatopic.kube.Secret.fromFile(hubTokenFile));
        if (hubUrl == null) {
            site.validated();   // bad site input fails with its paths before any cluster is contacted
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient hubClient = hubCluster.connect();
             KubernetesClient spokeClient = connect(spokeConfig, "--spoke-kubeconfig " + Inputs.name(spokeKubeconfig))) {
            ClusterApi hub = ClusterApi.of(Applier.auto(hubClient));
            ClusterApi spoke = ClusterApi.of(Applier.auto(spokeClient));
            String hubAt = hubClient.getConfiguration().getMasterUrl();
            Reconnected r;
            if (auto) {
                FactoryWorkflow.ReconnectResult loop = FactoryWorkflow.builder(s).hub(hub)
                        .listener(ZtpRunCommand.events(spec, "%-16s %s%n", false))
                        .build().reconnectLoop(cluster, spoke, site, () -> false);
                r = new Reconnected(cluster, "auto", site.apiUrl(c), hubAt, loop);
            } else if (conn != null) {
                var wf = FactoryWorkflow.builder(s).hub(hub)
                        .listener(ZtpRunCommand.events(spec, "%-16s %s%n", false)).build();
                if (oldHubConfig == null) {
                    wf.moveToHub(cluster, spoke, null, conn);
                } else {
                    try (KubernetesClient oldClient = connect(oldHubConfig,
                            "--old-hub-kubeconfig " + Inputs.name(oldHubKubeconfig))) {
                        wf.moveToHub(cluster, spoke, ClusterApi.of(Applier.auto(oldClient)), conn);
                    }
                }
                r = new Reconnected(cluster, "move-hub", null, hubUrl, null);
            } else {
                FactoryWorkflow.builder(s).hub(hub)
                        .listener(ZtpRunCommand.events(spec, "%-16s %s%n", false))
                        .build().reconnect(cluster, spoke, site);
                r = new Reconnected(cluster, "reconnect", site.apiUrl(c), hubAt, null);
            }
            Reconnected done = r;
            output.print(out, done, () -> out.println(switch (done.action()) {
                case "auto" -> String.valueOf(done.loop());
                case "move-hub" -> done.cluster() + ": moved to the hub at " + done.hub();
                default -> done.cluster() + ": re-imported into " + done.hub() + " at " + done.apiUrl();
            }));
            return 0;
        }
    }

    /**
     * Refuses more than one {@code -} among a command's files: standard input can be read once.
     *
     * @param spec  the running command
     * @param files the file arguments, null when not given
     */
    static void oneStdin(CommandLine.Model.CommandSpec spec, String... files) {
        if (Arrays.stream(files).filter(Objects::nonNull).filter(Inputs.STDIN::equals).count() > 1) {
            throw new IllegalArgumentException("only one file can be - (stdin)");
        }
    }

    /**
     * Reads the kubeconfig of a second cluster (a spoke, the old hub), which {@link ClusterOptions} does not cover:
     * through {@link Kubeconfigs#parse}, so a malformed file is named, never quoted.
     *
     * @param file the file, or {@code -}
     * @return its configuration
     * @throws IOException when it cannot be read ({@link java.nio.file.NoSuchFileException}: exit 2)
     */
    static Config kubeconfig(String file) throws IOException {
        return Kubeconfigs.parse(Inputs.read(file), Inputs.name(file), null);
    }

    /**
     * Connects to a second cluster with the same preflight as {@link ClusterOptions#connect()} (which only knows
     * the hub's options): any HTTP answer counts; no answer fails in seconds.
     *
     * @param config its configuration
     * @param source where it came from, for the message (the option and file)
     * @return a client; close it
     * @throws KubeException with {@link KubeException.Reason#UNREACHABLE} (exit 3) naming the URL and source
     */
    static KubernetesClient connect(Config config, String source) {
        config.setConnectionTimeout(5_000);
        config.setRequestRetryBackoffLimit(0);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            if (e.getCode() <= 0) {
                client.close();
                Throwable t = e;
                while (t.getCause() != null && t.getCause() != t) {
                    t = t.getCause();
                }
                String why = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                        : t.getMessage().replace('\n', ' ');
                throw new KubeException(KubeException.Reason.UNREACHABLE, 0, "cannot reach " + config.getMasterUrl()
                        + " (from " + source + "): " + why, null);
            }
        }
        return client;
    }
}
