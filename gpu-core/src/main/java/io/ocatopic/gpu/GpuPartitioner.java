package io.ocatopic.gpu;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.ocatopic.gpu.mig.ClusterPolicy;
import io.ocatopic.gpu.mig.ClusterPolicySpec;
import io.ocatopic.gpu.mig.Demand;
import io.ocatopic.gpu.mig.Fleet;
import io.ocatopic.gpu.mig.MigCatalog;
import io.ocatopic.gpu.mig.MigPartedConfig;
import io.ocatopic.gpu.mig.MigPlan;
import io.ocatopic.gpu.mig.MigManagerConfig;
import io.ocatopic.gpu.mig.MigPlanner;
import io.ocatopic.gpu.mig.MigStrategy;
import io.ocatopic.gpu.mig.MigStrategyCheck;
import io.ocatopic.gpu.mig.GpuPlan;
import io.ocatopic.gpu.mig.NodePlan;
import io.ocatopic.gpu.mig.StrategyReport;
import io.ocatopic.gpu.node.ApplyReport;
import io.ocatopic.gpu.node.MigNode;
import io.ocatopic.gpu.node.NodeApplier;
import io.ocatopic.gpu.rdma.NodeFacts;
import io.ocatopic.gpu.rdma.RdmaReadiness;
import io.ocatopic.gpu.rdma.RdmaReport;
import io.ocatopic.gpu.vgpu.VgpuType;
import io.ocatopic.gpu.vgpu.VgpuValidator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry type of {@code gpu-core}: plans MIG layouts across a fleet, renders them for the GPU
 * operator's MIG manager, and applies a node's part through NVML with explicit placements.
 *
 * <pre>{@code
 * GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
 * MigPlan plan = gp.plan(fleet, List.of(Demand.fleetWide("3g.20gb", 8), Demand.forGroup("infer", "1g.5gb", 14)));
 * String cfg = gp.migPartedConfig(plan.nodes().get(0));
 * StrategyReport legal = gp.checkStrategy(plan.nodes().get(0), MigStrategy.MIXED);
 * ClusterPolicy cp = gp.migClusterPolicy(MigStrategy.MIXED, "ocatopic-mig-config");
 * try (Nvml nvml = Nvml.open()) {
 *     ApplyReport r = gp.apply(plan.nodes().get(0), new NvmlMigNode(nvml, gp.catalog()), false);
 * }
 * }</pre>
 */
public final class GpuPartitioner {
    /** Node label the GPU operator's MIG manager watches. */
    public static final String MIG_CONFIG_LABEL = "nvidia.com/mig.config";

    private final MigCatalog catalog;
    private final MigPlanner planner;

    /**
     * Creates a partitioner.
     *
     * @param catalog the MIG catalog
     */
    public GpuPartitioner(MigCatalog catalog) {
        this.catalog = catalog;
        this.planner = new MigPlanner(catalog);
    }

    /** @return a partitioner over {@link MigCatalog#builtin()} */
    public static GpuPartitioner withBuiltinCatalog() {
        return new GpuPartitioner(MigCatalog.builtin());
    }

    /** @return the catalog */
    public MigCatalog catalog() {
        return catalog;
    }

    /** @return the planner */
    public MigPlanner planner() {
        return planner;
    }

    /**
     * Plans layouts for a fleet.
     *
     * @param fleet   the fleet as observed
     * @param demands what workloads need
     * @return per-GPU layouts with placements and per-node diffs
     */
    public MigPlan plan(Fleet fleet, List<Demand> demands) {
        return planner.plan(fleet, demands);
    }

    /**
     * The mig-parted config for a node (key {@code ocatopic-<node>}).
     *
     * @param node the node plan
     * @return YAML
     */
    public String migPartedConfig(NodePlan node) {
        return MigPartedConfig.render(configName(node), node, catalog);
    }

    /**
     * The node labels that select the node's config.
     *
     * @param node the node plan
     * @return labels
     */
    public Map<String, String> nodeLabels(NodePlan node) {
        return Map.of(MIG_CONFIG_LABEL, configName(node));
    }

    private static String configName(NodePlan node) {
        return MigManagerConfig.configName(node.node());
    }

    /**
     * Applies a node's diff; dry run when {@code dryRun}.
     *
     * @param node   the node plan
     * @param target the node's MIG operations
     * @param dryRun true to change nothing
     * @return what was done
     */
    public ApplyReport apply(NodePlan node, MigNode target, boolean dryRun) {
        return new NodeApplier().apply(node, target, dryRun);
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
    public List<String> validateMigPartedConfig(String yaml, String model) {
        return MigPartedConfig.validate(yaml, catalog, model, planner);
    }

    /**
     * One ConfigMap for the MIG manager holding {@code all-disabled} and every node's per-index layout.
     *
     * @param name      ConfigMap name
     * @param namespace the GPU operator's namespace
     * @param plan      the fleet plan
     * @return the ConfigMap (key {@code config.yaml})
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
     */
    public ClusterPolicy migClusterPolicy(MigStrategy strategy, String configMapName) {
        return ClusterPolicy.of(ClusterPolicySpec.mig(strategy, configMapName));
    }

    /**
     * Checks a node plan under a MIG strategy, assuming the MIG manager applies it (MIG off on GPUs
     * without instances).
     *
     * @param node     the node plan
     * @param strategy the strategy
     * @return the violations, warnings and advertised resources
     */
    public StrategyReport checkStrategy(NodePlan node, MigStrategy strategy) {
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
     * @param type  the vGPU type, e.g. {@code A100-1-5C}
     * @param count vGPUs wanted on the GPU
     * @param gpu   the GPU's plan (MIG on when its target has instances)
     * @return every problem; empty when the type fits
     * @throws GpuException {@code UNKNOWN_MODEL} when the plan's model is not in the catalog
     */
    public List<String> validateVgpu(VgpuType type, int count, GpuPlan gpu) {
        return VgpuValidator.validate(type, count, catalog.require(gpu.model(), "model"),
                !gpu.target().isEmpty(), gpu.target());
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
