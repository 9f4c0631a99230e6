package io.ocatopic.ztp.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.openshift.api.model.hive.v1.ClusterDeployment;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.KubeException;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.ztp.HubConnection;
import io.ocatopic.ztp.internal.render.HubConnectionObjects;
import io.ocatopic.ztp.internal.workflow.Backoff;
import io.ocatopic.ztp.internal.workflow.KubeClusterApi;
import io.ocatopic.ztp.internal.workflow.ReconnectLoop;
import io.ocatopic.ztp.internal.workflow.Reimporter;
import io.ocatopic.ztp.internal.workflow.RelocationRenderer;
import io.ocatopic.ztp.internal.workflow.Sleeper;
import io.ocatopic.ztp.internal.workflow.SpokeKubeconfig;
import io.ocatopic.ztp.internal.workflow.StateFile;
import io.ocatopic.ztp.internal.workflow.WorkflowEvents;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import io.ocatopic.ztp.internal.render.AcmImportRenderer;
import io.ocatopic.ztp.HubConnection;
import io.ocatopic.ztp.internal.render.HubCrRenderer;
import io.ocatopic.ztp.internal.render.MirrorRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The factory workflow: named, idempotent steps ({@code preflight}, {@code hub-config},
 * {@code deploy-<c>}, {@code wait-<c>}, {@code detach-<c>}) applied through the SDK's apply path, each
 * checkpointed atomically to a state file when it finishes, so a crashed or failed run resumes where it
 * stopped. {@link #plan()} is the dry run. {@link #reconnect} re-attaches a relocated cluster on site.
 *
 * <pre>{@code
 * FactoryWorkflow wf = FactoryWorkflow.builder(spec)
 *         .hub(FactoryWorkflow.ClusterApi.of(Applier.auto(hubClient)))
 *         .stateFile(Path.of("factory.state.json"))
 *         .listener(e -> System.out.println(e.kind() + " " + e.step()))
 *         .build();
 * List<FactoryWorkflow.PlannedStep> plan = wf.plan();   // dry run: changes nothing
 * plan.forEach(System.out::println);
 * if (plan.stream().anyMatch(s -> !s.done()) && confirmed(plan)) { // your check: review the plan first
 *     FactoryWorkflow.WorkflowResult r = wf.run();      // now the hub changes; resumes from the state file
 * }
 * // on site, after relocation:
 * wf.reconnect("edge-1", spokeApi, SiteEndpoint.unchanged().withBaseDomain("store-7.example.com")
 *         .withApiVip("10.20.0.5").withIngressVip("10.20.0.6"));
 * }</pre>
 *
 * <p>Progress goes to a {@link ProgressEvent.Listener} on the thread that runs the workflow: each step
 * {@code STARTED}, then {@code DONE}, {@code SKIPPED} (checkpointed before) or {@code FAILED}, with the step name
 * ({@code deploy-edge-1}, {@code reconnect-edge-1}, ...); {@code WAITING} while an install is polled
 * ({@code done} the poll); imports have step {@value #STEP_IMPORT} and probes of the reconnection loop step
 * {@value #STEP_PROBE} ({@code WAITING} when the hub does not answer, {@code DONE} when it answers again),
 * both with the cluster as subject.
 */
public final class FactoryWorkflow {
    /** The {@link ProgressEvent#step()} of imports; the subject is the cluster. */
    public static final String STEP_IMPORT = WorkflowEvents.IMPORT;
    /** The {@link ProgressEvent#step()} of hub probes; the subject is the cluster. */
    public static final String STEP_PROBE = WorkflowEvents.PROBE;

    /**
     * The small interface through which the workflow and the reconnection loop touch a cluster (hub or
     * spoke): the SDK's apply path, delete, read and a reachability probe. One real implementation
     * ({@link #of(Applier)}); tests wrap it to inject faults and flapping.
     *
     * <pre>{@code
     * ClusterApi hub = ClusterApi.of(Applier.auto(hubClient));
     * if (hub.reachable()) { hub.apply(namespace); }
     * }</pre>
     */
    public interface ClusterApi {
        /**
         * Writes an object through the SDK's apply path.
         *
         * @param object the desired object
         * @param <T>    its type
         * @return the stored object
         * @throws KubeException when refused or unreachable
         */
        <T extends HasMetadata> T apply(T object);

        /**
         * Deletes an object if present.
         *
         * @param object kind, namespace and name
         * @return whether something was deleted
         * @throws KubeException when refused or unreachable
         */
        boolean delete(HasMetadata object);

        /**
         * Reads an object.
         *
         * @param type      its class
         * @param namespace its namespace, {@code null} for cluster-scoped
         * @param name      its name
         * @param <T>       its type
         * @return the object, empty when absent
         * @throws KubeException with {@code UNREACHABLE} when the API cannot be reached
         */
        <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name);

        /**
         * Returns whether the API answers now (never throws).
         *
         * @return whether the API answers now (never throws)
         */
        boolean reachable();

        /**
         * Returns the API server URL this handle talks to.
         *
         * @return the API server URL this handle talks to
         */
        String endpoint();

        /**
         * The real implementation over an {@link Applier}.
         *
         * @param applier the apply path of the target cluster
         * @return the API handle
         */
        static ClusterApi of(Applier applier) {
            return new io.ocatopic.ztp.internal.workflow.KubeClusterApi(applier);
        }
    }


    private final ChassisSpec spec;
    private final ClusterApi hub;
    private final BiFunction<String, io.ocatopic.kube.Secret, ClusterApi> spokes;
    private final Optional<Path> stateFile;
    private final ProgressEvent.Listener listener;
    private final Backoff backoff;
    private final Duration steadyInterval;
    private final Duration installTimeout;
    private final Duration pollInterval;
    private final Sleeper sleeper;
    private final Reimporter reimporter;

    private FactoryWorkflow(Builder b) {
        this.spec = b.spec;
        this.hub = Objects.requireNonNull(b.hub, "hub");
        this.spokes = Objects.requireNonNull(b.spokes, "spokes");
        this.stateFile = Optional.ofNullable(b.stateFile);
        this.listener = b.listener;
        this.backoff = b.backoff;
        this.steadyInterval = b.steadyInterval;
        this.installTimeout = b.installTimeout;
        this.pollInterval = b.pollInterval;
        this.sleeper = b.sleeper;
        this.reimporter = b.reimporter;
    }

    /**
     * Starts a builder.
     *
     * @param spec the validated chassis
     * @return the builder
     */
    public static Builder builder(ChassisSpec spec) {
        return new Builder(spec);
    }

    /**
     * One planned step.
     *
     * @param name        the step name (stable; the checkpoint key)
     * @param description what it does
     * @param done        whether the state file marks it finished
     */
    public record PlannedStep(String name, String description, boolean done) {
        @Override
        public String toString() {
            return (done ? "[done] " : "[todo] ") + name + ": " + description;
        }
    }

    /**
     * The outcome of a run.
     *
     * @param executed steps run now
     * @param skipped  steps already done before this run
     */
    public record WorkflowResult(List<String> executed, List<String> skipped) {
    }

    private record Step(String name, String description, Runnable action) {
    }

    /**
     * Returns the digest of the spec that the state file is keyed on.
     *
     * @return the spec digest the state file is keyed on (SHA-256 of the canonical JSON)
     */
    public String specDigest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(spec.toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Step> steps() {
        List<Step> s = new ArrayList<>();
        s.add(new Step("preflight", "check the hub answers", this::preflight));
        s.add(new Step("hub-config", "apply ClusterImageSet " + spec.release().clusterImageSet()
                + (spec.mirrors().isEmpty() ? "" : " and ImageDigestMirrorSet " + MirrorRenderer.NAME),
                this::hubConfig));
        for (ChassisSpec.Cluster c : spec.clusters()) {
            s.add(new Step("deploy-" + c.name(), "apply the hub-driven install CRs of " + c.name()
                    + " (" + c.nodes().size() + " nodes)", () -> deploy(c)));
        }
        for (ChassisSpec.Cluster c : spec.clusters()) {
            s.add(new Step("wait-" + c.name(), "wait up to " + installTimeout + " for " + c.name()
                    + " to be installed", () -> waitInstalled(c)));
        }
        for (ChassisSpec.Cluster c : spec.clusters()) {
            s.add(new Step("detach-" + c.name(), "keep " + c.name() + "'s kubeconfig on the cluster and "
                    + "remove its ManagedCluster from the hub", () -> detach(c)));
        }
        return s;
    }

    /**
     * The dry run: every step in order, with whether the state file marks it done. Touches no cluster.
     *
     * @return the plan
     */
    public List<PlannedStep> plan() {
        StateFile state = StateFile.open(stateFile, specDigest());
        return steps().stream().map(s -> new PlannedStep(s.name(), s.description(), state.isDone(s.name())))
                .toList();
    }

    /**
     * Runs every step not yet checkpointed, in order.
     *
     * @return what ran and what was skipped
     * @throws ZtpException {@code STEP_FAILED} (cause attached) at the first failing step, {@code TIMEOUT}
     *                      when an install does not finish in time, {@code CANCELLED} when interrupted,
     *                      {@code STATE_MISMATCH} when the state file is another spec's
     */
    public WorkflowResult run() {
        StateFile state = StateFile.open(stateFile, specDigest());
        List<String> executed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Step s : steps()) {
            if (state.isDone(s.name())) {
                emit(WorkflowEvents.Type.STEP_SKIPPED, s.name(), "already done", 1);
                skipped.add(s.name());
                continue;
            }
            emit(WorkflowEvents.Type.STEP_STARTED, s.name(), s.description(), 1);
            try {
                s.action().run();
            } catch (ZtpException e) {
                emit(WorkflowEvents.Type.STEP_FAILED, s.name(), e.getMessage(), 1);
                throw e.reason() == ZtpException.Reason.STEP_FAILED ? e
                        : e.reason() == ZtpException.Reason.TIMEOUT || e.reason() == ZtpException.Reason.CANCELLED
                        ? e : new ZtpException(ZtpException.Reason.STEP_FAILED, "step " + s.name() + " failed: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                emit(WorkflowEvents.Type.STEP_FAILED, s.name(), String.valueOf(e.getMessage()), 1);
                throw new ZtpException(ZtpException.Reason.STEP_FAILED, "step " + s.name() + " failed: "
                        + e.getMessage(), e);
            }
            state.markDone(s.name());
            executed.add(s.name());
            emit(WorkflowEvents.Type.STEP_DONE, s.name(), "checkpointed", 1);
        }
        return new WorkflowResult(executed, skipped);
    }

    private void preflight() {
        if (!hub.reachable()) {
            throw new ZtpException(ZtpException.Reason.UNREACHABLE, "the hub at " + hub.endpoint() + " does not answer");
        }
    }

    private void hubConfig() {
        hub.apply(HubCrRenderer.clusterImageSet(spec));
        MirrorRenderer.mirrorSet(spec).ifPresent(hub::apply);
    }

    private void deploy(ChassisSpec.Cluster c) {
        for (HasMetadata o : HubCrRenderer.render(spec, c)) {
            hub.apply(o);
        }
    }

    private void waitInstalled(ChassisSpec.Cluster c) {
        long polls = Math.max(1, installTimeout.toMillis() / Math.max(1, pollInterval.toMillis()));
        for (int attempt = 1; attempt <= polls; attempt++) {
            Optional<ClusterDeployment> cd = hub.get(ClusterDeployment.class, c.name(), c.name());
            if (cd.isPresent() && Boolean.TRUE.equals(cd.get().getSpec().getInstalled())) {
                return;
            }
            emit(WorkflowEvents.Type.WAITING, "wait-" + c.name(), "not installed yet", attempt);
            try {
                sleeper.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZtpException(ZtpException.Reason.CANCELLED, "interrupted while waiting for " + c.name());
            }
        }
        throw new ZtpException(ZtpException.Reason.TIMEOUT, c.name() + " was not installed within " + installTimeout);
    }

    private void detach(ChassisSpec.Cluster c) {
        Secret admin = hub.get(Secret.class, c.name(), c.name() + "-admin-kubeconfig")
                .orElseThrow(() -> new ZtpException(ZtpException.Reason.NOT_FOUND,
                        "hub has no " + c.name() + "/" + c.name() + "-admin-kubeconfig"));
        io.ocatopic.kube.Secret kubeconfig = SpokeKubeconfig.value(admin, "kubeconfig")
                .orElseThrow(() -> new ZtpException(ZtpException.Reason.NOT_FOUND,
                        c.name() + "-admin-kubeconfig has no kubeconfig key"));
        ClusterApi spoke = spokes.apply(c.name(), kubeconfig);
        spoke.apply(SpokeKubeconfig.namespace());
        spoke.apply(SpokeKubeconfig.secret(kubeconfig));
        hub.delete(AcmImportRenderer.managedCluster(c.name(), c.labels(), null));
    }

    /**
     * Re-attaches a relocated cluster at a new API URL; same as
     * {@code reconnect(cluster, spoke, SiteEndpoint.ofApiUrl(newApiUrl))}.
     *
     * @param cluster   the cluster name (must be in the spec)
     * @param spoke     the spoke's API, reachable on site
     * @param newApiUrl the spoke's new API URL
     * @throws ZtpException {@code INVALID_SPEC} for a bad URL; otherwise as {@link #reconnect(String,
     *                      ClusterApi, SiteEndpoint)}
     */
    public void reconnect(String cluster, ClusterApi spoke, String newApiUrl) {
        reconnect(cluster, spoke, SiteEndpoint.ofApiUrl(newApiUrl));
    }

    /**
     * Re-attaches a relocated cluster on site: validates {@code site} first (nothing is touched when it is
     * wrong), points the kubeconfig stored on the spoke at {@link SiteEndpoint#apiUrl(ChassisSpec.Cluster)},
     * re-creates the ManagedCluster (client config URL, site facts as {@link SiteEndpoint#annotations}) and
     * the auto-import Secret on the hub against it, and deletes {@code <c>-import} so the import controller
     * regenerates it (stolostron/rhacm-docs#4531). Idempotent.
     *
     * @param cluster the cluster name (must be in the spec)
     * @param spoke   the spoke's API, reachable on site
     * @param site    what changed on site: API URL, VIPs, base domain
     * @throws ZtpException {@code INVALID_SPEC} with {@code site.*} paths for bad input; {@code NOT_FOUND}
     *                      when the spoke holds no stored kubeconfig; {@code STEP_FAILED} when the hub refuses
     */
    public void reconnect(String cluster, ClusterApi spoke, SiteEndpoint site) {
        ChassisSpec.Cluster c = spec.cluster(cluster);
        site.validated();
        String newApiUrl = site.apiUrl(c);
        String step = "reconnect-" + cluster;
        guarded(step, "re-import at " + newApiUrl, () -> {
            io.ocatopic.kube.Secret updated = SpokeKubeconfig.withServer(SpokeKubeconfig.read(spoke), newApiUrl);
            spoke.apply(SpokeKubeconfig.secret(updated));
            emit(WorkflowEvents.Type.IMPORT_STARTED, step, "importing at " + newApiUrl, 1);
            reimporter.importCluster(hub, cluster, c.labels(), site.annotations(c),
                    io.ocatopic.ztp.ImportCredentials.kubeconfig(newApiUrl, updated));
            emit(WorkflowEvents.Type.IMPORT_COMPLETED, step, "hub holds " + newApiUrl, 1);
        });
    }

    /** What a relocation cannot do in place; stated in every relocation plan. */
    public static final List<String> RELOCATION_LIMITS = List.of(
            "needs a node reboot: the NMState MachineConfigs (/etc/nmstate/openshift/<node>.yml, applied at boot; "
                    + "the Machine Config Operator drains and reboots the nodes of each pool one by one)",
            "not changed in place: the ingress domain apps.<cluster>.<old base domain> (Ingress config spec.domain "
                    + "is set at install); use spec.appsDomain and new routes, or reinstall",
            "not changed in place: the API serving certificate names api.<cluster>.<old base domain>; add a named "
                    + "certificate for the new name to APIServer spec.servingCerts.namedCertificates",
            "not changed in place: the VIPs recorded in Infrastructure status (install-time); site DNS must "
                    + "resolve api/*.apps to the new VIPs");

    private List<Step> relocationSteps(String cluster, ClusterApi spoke, Relocation to) {
        ChassisSpec moved = to.apply(spec, cluster);
        ChassisSpec.Cluster c = moved.cluster(cluster);
        String url = c.apiUrl();
        List<Step> s = new ArrayList<>();
        s.add(new Step("relocate-" + cluster + "-nmstate", "apply NMState MachineConfigs for " + c.nodes().size()
                + " nodes on " + to.machineNetwork() + " (node reboot)",
                () -> RelocationRenderer.machineConfigs(c).forEach(spoke::apply)));
        s.add(new Step("relocate-" + cluster + "-kubeconfig", "point the kubeconfig kept on the spoke at " + url,
                () -> spoke.apply(SpokeKubeconfig.secret(SpokeKubeconfig.withServer(SpokeKubeconfig.read(spoke), url)))));
        s.add(new Step("relocate-" + cluster + "-hub-install", "update the hub's install records (VIPs, machine "
                + "network, NMStateConfigs, base domain) and hive's admin kubeconfig", () -> {
                    for (HasMetadata o : HubCrRenderer.render(moved, c)) {
                        hub.apply(o);
                    }
                    // hive's <c>-admin-kubeconfig names the old API; point it at the new one
                    hub.get(Secret.class, cluster, cluster + "-admin-kubeconfig").ifPresent(admin ->
                            SpokeKubeconfig.value(admin, "kubeconfig").ifPresent(kc -> hub.apply(
                                    new SecretBuilder().withNewMetadata().withName(cluster + "-admin-kubeconfig")
                                            .withNamespace(cluster).endMetadata().withType(admin.getType())
                                            .withStringData(Map.of("kubeconfig",
                                                    SpokeKubeconfig.withServer(kc, url).reveal())).build())));
                }));
        s.add(new Step("relocate-" + cluster + "-import", "re-import at " + url, () -> {
            SiteEndpoint site = SiteEndpoint.unchanged().withBaseDomain(to.baseDomain()).withApiVip(to.apiVip())
                    .withIngressVip(to.ingressVip());
            reimporter.importCluster(hub, cluster, c.labels(), site.annotations(spec.cluster(cluster)),
                    io.ocatopic.ztp.ImportCredentials.kubeconfig(url, SpokeKubeconfig.read(spoke)));
        }));
        return s;
    }

    /**
     * The dry run of {@link #relocate}: validates the target (throws {@code INVALID_SPEC} with paths when
     * the relocated spec is invalid) and lists each step with whether {@code state} marks it done. Touches
     * no cluster. The limits in {@link #RELOCATION_LIMITS} apply.
     *
     * @param cluster the cluster
     * @param to      where it moves
     * @param state   the relocation's checkpoint file, empty for none
     * @return the steps
     */
    public List<PlannedStep> relocationPlan(String cluster, Relocation to, Optional<Path> state) {
        StateFile st = StateFile.open(state, relocationDigest(cluster, to));
        return relocationSteps(cluster, null, to).stream()
                .map(x -> new PlannedStep(x.name(), x.description(), st.isDone(x.name()))).toList();
    }

    /**
     * Moves a multi-node cluster to a new network and base domain, resumably: NMState for every node (as
     * MachineConfigs, applied at the next boot), the kubeconfig kept on the spoke, the hub's install records,
     * and the re-import at the new API URL; each step checkpointed in {@code state}, so a failed run resumes
     * at the failed step. See {@link #RELOCATION_LIMITS} for what needs a reboot or cannot change in place.
     *
     * @param cluster the cluster
     * @param spoke   the spoke's API
     * @param to      where it moves
     * @param state   checkpoint file, empty for in-memory
     * @return what ran and what was skipped
     * @throws ZtpException {@code INVALID_SPEC} for a bad target (nothing touched), {@code STEP_FAILED}
     */
    public WorkflowResult relocate(String cluster, ClusterApi spoke, Relocation to, Optional<Path> state) {
        StateFile st = StateFile.open(state, relocationDigest(cluster, to));
        List<String> executed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Step x : relocationSteps(cluster, spoke, to)) {
            if (st.isDone(x.name())) {
                skipped.add(x.name());
                continue;
            }
            guarded(x.name(), x.description(), x.action());
            st.markDone(x.name());
            executed.add(x.name());
        }
        return new WorkflowResult(executed, skipped);
    }

    private String relocationDigest(String cluster, Relocation to) {
        return specDigest() + ":" + cluster + ":" + to.hashCode();
    }

    /**
     * Moves a spoke to another hub (this workflow's hub is the new one): on the new hub, the CA-bundle
     * ConfigMap and a KlusterletConfig for {@code newHub}'s URL and CA, then the import set (ManagedCluster
     * with the spoke's current endpoint and annotation {@value HubConnection#KLUSTERLET_CONFIG_ANNOTATION},
     * auto-import Secret from the kubeconfig stored on the spoke); on the spoke, a
     * {@value HubConnection#BOOTSTRAP_SECRET} for the new hub; on the old hub, the ManagedCluster,
     * KlusterletAddonConfig, Secrets, KlusterletConfig, the install records (assisted set and
     * ClusterInstance) and, last, the cluster namespace are deleted. Idempotent: a failed
     * move is completed by calling it again. 
     *
     * @param cluster  the cluster name (must be in the spec)
     * @param spoke    the spoke's API (the server of the kubeconfig stored on it, as {@link #reconnect} left it, is the URL the new hub records)
     * @param oldHub   the hub the spoke leaves; {@code null} when it is gone
     * @param newHub   URL, CA bundle and bootstrap token of the new hub
     * @throws ZtpException {@code NOT_FOUND} when the spoke holds no stored kubeconfig; {@code STEP_FAILED}
     *                      when a cluster refuses
     */
    public void moveToHub(String cluster, ClusterApi spoke, ClusterApi oldHub, HubConnection newHub) {
        String step = "move-hub-" + cluster;
        guarded(step, "move to " + newHub.url(), () -> {
            connect(cluster, spoke, newHub);
            if (oldHub != null) {
                emit(WorkflowEvents.Type.STEP_STARTED, step, "detach from " + oldHub.endpoint(), 1);
                ChassisSpec.Cluster c = spec.cluster(cluster);
                List<HasMetadata> gone = new ArrayList<>();
                gone.add(new SecretBuilder().withNewMetadata().withName(AcmImportRenderer.AUTO_IMPORT_SECRET)
                        .withNamespace(cluster).endMetadata().build());
                gone.add(new SecretBuilder().withNewMetadata().withName(cluster + "-import").withNamespace(cluster)
                        .endMetadata().build());
                for (String hive : List.of("-admin-kubeconfig", "-admin-password")) {   // written by hive
                    gone.add(new SecretBuilder().withNewMetadata().withName(cluster + hive).withNamespace(cluster)
                            .endMetadata().build());
                }
                gone.add(HubConnectionObjects.klusterletConfig(newHub, cluster));
                gone.add(HubConnectionObjects.caBundleConfigMap(newHub, cluster));
                // the factory's install records (both formats), last-applied first; the namespace last
                List<HasMetadata> install = new ArrayList<>(HubCrRenderer.render(spec, c));
                install.addAll(io.ocatopic.ztp.internal.render.ClusterInstanceRenderer.render(spec, c));
                java.util.Collections.reverse(install);
                gone.addAll(install);
                for (HasMetadata o : gone) {
                    oldHub.delete(o);
                }
            }
        });
    }

    /**
     * Recovers a spoke after its hub's API CA changed (same or new URL): re-renders the hub's CA-bundle
     * ConfigMap and KlusterletConfig, re-imports the spoke, and rewrites the spoke's
     * {@value HubConnection#BOOTSTRAP_SECRET} with the new CA, so the klusterlet re-bootstraps. Idempotent.
     *
     * @param cluster the cluster name
     * @param spoke   the spoke's API
     * @param hubNow  the hub's URL, its new CA bundle, a bootstrap token
     * @throws ZtpException as {@link #moveToHub}
     */
    public void rotateHubCa(String cluster, ClusterApi spoke, HubConnection hubNow) {
        guarded("rotate-hub-ca-" + cluster, "trust the new CA of " + hubNow.url(),
                () -> connect(cluster, spoke, hubNow));
    }

    private void connect(String cluster, ClusterApi spoke, HubConnection to) {
        ChassisSpec.Cluster c = spec.cluster(cluster);
        io.ocatopic.kube.Secret stored = SpokeKubeconfig.read(spoke);
        String endpoint = storedServer(stored).orElse(spoke.endpoint());
        hub.apply(AcmImportRenderer.namespace(cluster));
        hub.apply(HubConnectionObjects.caBundleConfigMap(to, cluster));
        hub.apply(HubConnectionObjects.klusterletConfig(to, cluster));
        reimporter.importCluster(hub, cluster, c.labels(),
                Map.of(HubConnection.KLUSTERLET_CONFIG_ANNOTATION, cluster),
                io.ocatopic.ztp.ImportCredentials.kubeconfig(endpoint, stored));
        spoke.apply(HubConnectionObjects.agentNamespace());
        spoke.apply(HubConnectionObjects.bootstrapSecret(to, cluster));
    }

    /** The API URL in the kubeconfig kept on the spoke: where the spoke answers now (set by reconnect). */
    private static Optional<String> storedServer(io.ocatopic.kube.Secret kubeconfig) {
        try {
            io.fabric8.kubernetes.api.model.Config cfg = io.ocatopic.kube.internal.KubeYaml.load(kubeconfig.reveal(),
                    io.fabric8.kubernetes.api.model.Config.class);
            return cfg.getClusters().stream().map(c -> c.getCluster().getServer()).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void guarded(String step, String what, Runnable action) {
        emit(WorkflowEvents.Type.STEP_STARTED, step, what, 1);
        try {
            action.run();
        } catch (ZtpException e) {
            emit(WorkflowEvents.Type.STEP_FAILED, step, e.getMessage(), 1);
            throw e;
        } catch (RuntimeException e) {
            emit(WorkflowEvents.Type.STEP_FAILED, step, String.valueOf(e.getMessage()), 1);
            throw new ZtpException(ZtpException.Reason.STEP_FAILED, step + " failed: " + e.getMessage(), e);
        }
        emit(WorkflowEvents.Type.STEP_DONE, step, "done", 1);
    }

    private void emit(WorkflowEvents.Type type, String step, String message, int attempt) {
        String subject = switch (type) {
            case IMPORT_STARTED, IMPORT_COMPLETED, IMPORT_FAILED -> step.substring(step.indexOf('-') + 1);
            default -> "";
        };
        listener.on(WorkflowEvents.of(type, step, subject, message, attempt));
    }

    /**
     * What a run of the reconnection loop did.
     *
     * @param probes           probes sent
     * @param failedProbes     probes the hub did not answer
     * @param completedImports imports that completed (one per recovery)
     * @param failedImports    import attempts that failed part-way
     */
    public record ReconnectResult(int probes, int failedProbes, int completedImports, int failedImports) {
    }

    /**
     * Automatic re-attachment of a relocated spoke that is offline for long stretches (a ship, a store): probes
     * the hub with exponential backoff ({@link Builder#reconnectBackoff}); when the hub answers and the spoke is
     * not imported in this period of reachability, imports it once with the kubeconfig stored on the spoke,
     * re-pointed at {@link SiteEndpoint#apiUrl}, and the site facts as annotations; imports never overlap with
     * this workflow's own. When the hub is lost again after an import, the next recovery imports once more.
     *
     * <pre>{@code
     * wf.reconnectLoop("ship-1", spoke, SiteEndpoint.unchanged().withBaseDomain("port-3.example.net"),
     *         () -> Thread.currentThread().isInterrupted());
     * }</pre>
     *
     * @param cluster the cluster name (must be in the spec)
     * @param spoke   the spoke's API on site (holds the kubeconfig kept at detach)
     * @param site    what changed on site
     * @param stop    checked before every probe; the loop also ends when the thread is interrupted
     * @return counts of what happened
     * @throws ZtpException {@code INVALID_SPEC} with {@code site.*} paths for bad input
     */
    public ReconnectResult reconnectLoop(String cluster, ClusterApi spoke, SiteEndpoint site, BooleanSupplier stop) {
        ReconnectLoop.Result r = ReconnectLoop.forSite(hub, spec.cluster(cluster), spoke, site).backoff(backoff)
                .steadyInterval(steadyInterval).sleeper(sleeper).listener(listener).reimporter(reimporter).build()
                .run(stop);
        return new ReconnectResult(r.probes(), r.failedProbes(), r.completedImports(), r.failedImports());
    }

    /** Builds a {@link FactoryWorkflow}. */
    public static final class Builder {
        private final ChassisSpec spec;
        private ClusterApi hub;
        private BiFunction<String, io.ocatopic.kube.Secret, ClusterApi> spokes = KubeClusterApi.spokesFromKubeconfig();
        private Path stateFile;
        private ProgressEvent.Listener listener = ProgressEvent.Listener.NONE;
        private Backoff backoff = Backoff.DEFAULT;
        private Duration steadyInterval = Duration.ofMinutes(1);
        private Duration installTimeout = Duration.ofHours(3);
        private Duration pollInterval = Duration.ofSeconds(30);
        private Sleeper sleeper = Sleeper.REAL;
        private Reimporter reimporter = new Reimporter();

        private Builder(ChassisSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        /**

         * Sets a value.

         *

         * @param v the hub's API

         * @return this

         */
        public Builder hub(ClusterApi v) {
            hub = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v how to reach a spoke from its name and admin kubeconfig (default: a client from the kubeconfig)

         * @return this

         */
        public Builder spokes(BiFunction<String, io.ocatopic.kube.Secret, ClusterApi> v) {
            spokes = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the checkpoint file (default: none, state kept in memory)

         * @return this

         */
        public Builder stateFile(Path v) {
            stateFile = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the progress listener

         * @return this

         */
        public Builder listener(ProgressEvent.Listener v) {
            listener = Objects.requireNonNull(v);
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v how long to wait per install (default 3 h)

         * @return this

         */
        public Builder installTimeout(Duration v) {
            installTimeout = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v poll interval while waiting (default 30 s)

         * @return this

         */
        public Builder pollInterval(Duration v) {
            pollInterval = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v how to wait between polls

         * @return this

         */
        Builder sleeper(Sleeper v) {
            sleeper = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the importer whose lock serialises imports (tests)

         * @return this

         */
        Builder reimporter(Reimporter v) {
            reimporter = v;
            return this;
        }

        /**
         * The backoff of {@link FactoryWorkflow#reconnectLoop} while the hub is unreachable (default: 5 s doubling
         * to 10 min).
         *
         * @param initial    the first delay
         * @param max        the longest delay
         * @param multiplier growth per failed probe, at least 1
         * @return this
         * @throws IllegalArgumentException unless {@code 0 <= initial <= max} and {@code multiplier >= 1}
         */
        public Builder reconnectBackoff(Duration initial, Duration max, double multiplier) {
            backoff = new Backoff(initial, max, multiplier);
            return this;
        }

        /**
         * How often {@link FactoryWorkflow#reconnectLoop} probes while connected (default 1 min).
         *
         * @param v the interval
         * @return this
         */
        public Builder steadyInterval(Duration v) {
            steadyInterval = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Builds the workflow.
         *
         * @return the workflow
         */
        public FactoryWorkflow build() {
            return new FactoryWorkflow(this);
        }
    }
}
