package io.ocatopic.gpu;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.ocatopic.gpu.internal.Problems;
import io.ocatopic.gpu.internal.mig.GpuModel;
import io.ocatopic.gpu.internal.mig.MigCatalog;
import io.ocatopic.gpu.internal.mig.MigManagerConfig;
import io.ocatopic.gpu.internal.mig.MigPartedConfig;
import io.ocatopic.gpu.internal.mig.MigPlanner;
import io.ocatopic.gpu.internal.mig.MigStrategyCheck;
import io.ocatopic.gpu.internal.node.NodeApplier;
import io.ocatopic.gpu.internal.node.NodeObserver;
import io.ocatopic.gpu.internal.node.NvmlMigNode;
import io.ocatopic.gpu.internal.rdma.RdmaReadiness;
import io.ocatopic.gpu.internal.vgpu.VgpuRender;
import io.ocatopic.gpu.internal.vgpu.VgpuType;
import io.ocatopic.gpu.internal.vgpu.VgpuValidator;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.StepReport;
import io.ocatopic.nvml.Nvml;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry type of {@code gpu-core}: plans MIG layouts across a fleet, renders them for the GPU
 * operator's MIG manager, applies a node's part through NVML with explicit placements, renders vGPU
 * settings and checks GPUDirect RDMA readiness.
 *
 * <p>Planning changes nothing: a {@link MigPlan} lists every step ({@link MigPlan.Node#actions()}), so it
 * is the dry run. Only {@link #apply} touches a GPU.
 *
 * <pre>{@code
 * GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
 * try (Nvml nvml = Nvml.open()) {
 *     Fleet fleet = new Fleet(List.of(gp.observe("worker-0", "", nvml)));
 *     MigPlan plan = gp.plan(fleet, List.of(Demand.fleetWide("3g.20gb", 2)));
 *     MigPlan.Node node = plan.nodes().get(0);
 *     node.actions().forEach(a -> System.out.println("would do: " + a));   // the dry run: nothing changed yet
 *     if (plan.satisfiedTotal() == plan.demandedTotal()) {
 *         StepReport<MigPlan.Action> r = gp.apply(node, nvml);           // now the GPUs change
 *         r.describe(Object::toString).forEach(System.out::println);
 *     }
 * }
 * }</pre>
 */
public final class GpuPartitioner {
    /** Node label the GPU operator's MIG manager watches. */
    public static final String MIG_CONFIG_LABEL = "nvidia.com/mig.config";

    private final MigCatalog catalog;
    private final MigPlanner planner;

    private GpuPartitioner(MigCatalog catalog) {
        this.catalog = catalog;
        this.planner = new MigPlanner(catalog);
    }

    /**
     * Creates a partitioner over the built-in MIG catalog.
     *
     * @return a partitioner over the built-in MIG catalog (A30, A100-40GB, A100-80GB, H100-80GB, H200, B200)
     */
    public static GpuPartitioner withBuiltinCatalog() {
        return new GpuPartitioner(MigCatalog.builtin());
    }

    /**
     * The catalog key of a GPU model named in any of its forms: the key ({@code A100-40GB}), an NVML product
     * name with or without {@code NVIDIA } ({@code NVIDIA A100-SXM4-40GB}) or a PCI id as mig-parted's
     * device-filter writes it ({@code 0x20B010DE}).
     *
     * @param name the name
     * @return the catalog key, empty when no MIG model has that name
     */
    public Optional<String> modelKey(String name) {
        return catalog.model(name).map(GpuModel::key);
    }

    /**
     * The catalog key of a GPU model named in any of its forms (see {@link #modelKey}), failing with the
     * accepted forms.
     *
     * @param name the name
     * @param path the field or option that gave the name, e.g. {@code --gpu}; it starts the problem
     * @return the catalog key
     * @throws GpuException {@code UNKNOWN_MODEL} with one problem {@code path: ...} listing the accepted forms
     */
    public String requireModelKey(String name, String path) {
        return catalog.require(name, path).key();
    }

    /**
     * Plans layouts for a fleet; changes nothing (the plan is the dry run).
     *
     * @param fleet   the fleet as observed
     * @param demands what workloads need
     * @return per-GPU layouts with placements and per-node diffs
     * @throws GpuException {@code INVALID} for a model not in the catalog, a current layout that is not valid,
     *                      or a negative demand, each with its path
     */
    public MigPlan plan(Fleet fleet, List<Demand> demands) {
        return planner.plan(fleet, demands);
    }

    /**
     * Reads a node's GPUs through NVML into the planner's form; changes nothing.
     *
     * @param node  node name
     * @param group node group that group demands name; "" for none
     * @param nvml  an open NVML session on that node
     * @return the node as the planner sees it (busy is not known through NVML and reads false)
     * @throws GpuException {@code UNKNOWN_MODEL} for a GPU the catalog does not know
     */
    public Fleet.Node observe(String node, String group, Nvml nvml) {
        return NodeObserver.observe(node, group, new NvmlMigNode(nvml, catalog));
    }

    /**
     * Applies a node's diff through NVML, in order, stopping at the first failure. Before acting it checks
     * that every GPU is the model and has the instances the plan was made from.
     *
     * @param node the node's plan (print {@link MigPlan.Node#actions()} first to see what it will do)
     * @param nvml an open NVML session on that node
     * @return the steps done, the one that failed with why, and those not attempted
     * @throws GpuException {@code DEVICE_MISMATCH} when the node is not in the state the plan assumed
     *                      (nothing is changed then)
     */
    public StepReport<MigPlan.Action> apply(MigPlan.Node node, Nvml nvml) {
        return new NodeApplier().apply(node, new NvmlMigNode(nvml, catalog));
    }

    /**
     * The mig-parted config for a node (key {@code ocatopic-<node>}).
     *
     * @param node the node plan
     * @return YAML
     * @throws GpuException {@code INVALID} for a node plan without GPUs
     */
    public String migPartedConfig(MigPlan.Node node) {
        return MigPartedConfig.render(configName(node), node, catalog);
    }

    /**
     * The node labels that select the node's config.
     *
     * @param node the node plan
     * @return labels
     */
    public Map<String, String> nodeLabels(MigPlan.Node node) {
        return Map.of(MIG_CONFIG_LABEL, configName(node));
    }

    private static String configName(MigPlan.Node node) {
        return MigManagerConfig.configName(node.node());
    }

    /**
     * Checks a mig-parted config against its schema and the catalog.
     *
     * @param yaml  config text
     * @param model model for entries without device-filter: catalog key ({@code A100-40GB}), NVML product name
     *              ({@code NVIDIA A100-SXM4-40GB} or {@code A100-SXM4-40GB}) or PCI id ({@code 0x20B010DE});
     *              "" for none
     * @return problems, empty when legal
     * @throws GpuException {@code UNKNOWN_MODEL} when {@code model} names no catalog model; the problem lists
     *                      the accepted forms
     */
    public List<Problem> validateMigPartedConfig(String yaml, String model) {
        return Problems.of(MigPartedConfig.validate(yaml, catalog, model, planner));
    }

    /**
     * One ConfigMap for the MIG manager holding {@code all-disabled} and every node's per-index layout.
     *
     * @param name      ConfigMap name
     * @param namespace the GPU operator's namespace
     * @param plan      the fleet plan
     * @return the ConfigMap (key {@code config.yaml})
     * @throws GpuException {@code INVALID} when the name is not a DNS-1123 subdomain or the namespace not a
     *                      DNS-1123 label
     */
    public ConfigMap migManagerConfigMap(String name, String namespace, MigPlan plan) {
        return MigManagerConfig.configMap(name, namespace, plan.nodes(), catalog);
    }

    /**
     * The ClusterPolicy MIG settings: {@code mig.strategy} and {@code migManager.config}.
     *
     * @param strategy      the device plugin's MIG strategy
     * @param configMapName the ConfigMap of {@link #migManagerConfigMap}
     * @return the ClusterPolicy merge patch
     * @throws GpuException {@code INVALID} when the ConfigMap name is not a DNS-1123 subdomain
     */
    public ClusterPolicy migClusterPolicy(MigStrategy strategy, String configMapName) {
        return ClusterPolicy.of(ClusterPolicy.Spec.mig(strategy, configMapName));
    }

    /**
     * Checks a node plan under a MIG strategy, assuming the MIG manager applies it (MIG off on GPUs
     * without instances).
     *
     * @param node     the node plan
     * @param strategy the strategy
     * @return the violations, warnings and advertised resources
     */
    public StrategyReport checkStrategy(MigPlan.Node node, MigStrategy strategy) {
        return MigStrategyCheck.check(node, Optional.empty(), strategy);
    }

    /**
     * Checks every node of a plan under a MIG strategy, knowing which GPUs had MIG on.
     *
     * @param plan     the fleet plan
     * @param fleet    the fleet as observed
     * @param strategy the strategy
     * @return one report per node
     */
    public List<StrategyReport> checkStrategy(MigPlan plan, Fleet fleet, MigStrategy strategy) {
        return MigStrategyCheck.check(plan, fleet, strategy);
    }

    /**
     * Checks vGPUs of one type against a GPU's planned MIG layout.
     *
     * @param type  the vGPU type name, e.g. {@code A100-1-5C} (time-sliced {@code <GPU>-<GB><S>} or MIG-backed
     *              {@code <GPU>-<G>-<GB><S>[ME]})
     * @param count vGPUs wanted on the GPU
     * @param gpu   the GPU's plan (MIG on when its target has instances)
     * @return every problem; empty when the type fits
     * @throws GpuException {@code INVALID} for a malformed type name, {@code UNKNOWN_MODEL} when the plan's
     *                      model is not in the catalog
     */
    public List<Problem> validateVgpu(String type, int count, MigPlan.Gpu gpu) {
        return Problems.of(VgpuValidator.validate(VgpuType.parse(type), count, catalog.require(gpu.model(), "model"),
                !gpu.target().isEmpty(), gpu.target()));
    }

    /**
     * The cluster side of vGPU when the GPU operator creates and advertises the mediated devices: the
     * HyperConverged fragment, the ClusterPolicy sandbox settings and the node labels.
     *
     * @param mdevNames     sysfs mdev type names to permit, e.g. {@code NVIDIA A100-1-5C}
     * @param workload      what the GPU nodes serve (the ClusterPolicy default and the node label)
     * @param vgpuConfig    the vgpu-device-manager config name for the node label (only for
     *                      {@link SandboxWorkload#VM_VGPU}), "" for none
     * @param configMap     the vgpu-device-manager ConfigMap, "" for the operator's default
     * @param defaultConfig the config applied to nodes without a config label, "" for none
     * @return the objects and labels
     * @throws GpuException {@code INVALID} for an mdev name that is not a vGPU type name, or a config name that
     *                      cannot be a label value
     */
    public VgpuSetup renderVgpu(List<String> mdevNames, SandboxWorkload workload, String vgpuConfig,
                                String configMap, String defaultConfig) {
        mdevNames.forEach(VgpuType::fromMdevName);
        return new VgpuSetup(VgpuRender.hyperConvergedForGpuOperator(mdevNames),
                ClusterPolicy.of(VgpuRender.clusterPolicy(workload, configMap, defaultConfig)),
                VgpuRender.nodeLabels(workload, vgpuConfig));
    }

    /**
     * The HyperConverged fragment when KubeVirt creates the mediated devices (the GPU operator installs
     * only the vGPU manager).
     *
     * @param mdevNames    sysfs mdev type names to permit
     * @param clusterTypes mdev type ids for every node, e.g. {@code nvidia-699}
     * @param perNode      per-node-selector type ids
     * @return the fragment
     * @throws GpuException {@code INVALID} when neither {@code clusterTypes} nor {@code perNode} names a type
     */
    public HyperConverged renderVgpuForKubevirt(List<String> mdevNames, List<String> clusterTypes,
                                                List<HyperConverged.Spec.NodeMediatedDeviceTypes> perNode) {
        return VgpuRender.hyperConvergedForKubevirt(mdevNames, clusterTypes, perNode);
    }

    /**
     * Checks a node's readiness for GPUDirect RDMA.
     *
     * @param facts the node facts
     * @return the recommendation, every reason, and the ClusterPolicy settings
     */
    public RdmaReport rdmaReadiness(NodeFacts facts) {
        return RdmaReadiness.check(facts);
    }
}
