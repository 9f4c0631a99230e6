package io.ocatopic.gpu;

import io.ocatopic.gpu.internal.mig.FleetChecks;
import java.util.List;

/**
 * The nodes to plan for.
 *
 * @param nodes the nodes
 * <pre>{@code
 * Fleet fleet = new Fleet(List.of(node0, node1));
 * }</pre>
 */
public record Fleet(List<Node> nodes) {
    /**
     * Validates and copies.
     *
     * @param nodes see the record component (null reads as none)
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming each bad field
     */
    public Fleet {
        nodes = nodes == null ? List.of() : nodes;
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == null) {
                problems.add("nodes[" + i + "]: empty entry");
            } else if (!names.add(nodes.get(i).name())) {
                problems.add("nodes[" + i + "].name: \"" + nodes.get(i).name() + "\" appears twice");
            }
        }
        FleetChecks.fail(problems);
        nodes = List.copyOf(nodes);
    }

    /**
     * Reads a fleet from YAML or JSON ({@code nodes: [{name, group, gpus: [{index, model, migEnabled,
     * instances: [{profile, start, busy}]}]}]}), validating it: every error names its field path, for
     * example {@code nodes[1].gpus[0].index: -1 is not an NVML index (0 or more)}. Whether the models and
     * layouts fit the catalog is checked when planning.
     *
     * <p>The top level has one field, {@code nodes} (optional, default none). Each node has a {@code name}
     * (required, unique), a {@code group} (default {@code ""}) and {@code gpus} (default none); each GPU an
     * {@code index} (required, unique on its node), a {@code model} (required: a catalog key, an NVML product
     * name or a PCI id), {@code migEnabled} (default {@code false}) and {@code instances} (default none, only
     * with MIG on); each instance a {@code profile} and a {@code start} slice 0..7 (both required) and
     * {@code busy} (default {@code false}). Unknown fields and duplicate keys are refused.
     *
     * <pre>{@code
     * nodes:
     *   - name: worker-0
     *     group: training
     *     gpus:
     *       - {index: 0, model: A100-40GB, migEnabled: true, instances: [{profile: 3g.20gb, start: 0, busy: true}]}
     * }</pre>
     *
     * <p>The repository's {@code examples/samples/gpu-fleet.yaml} shows every field with its default and
     * allowed values, and {@code examples/samples/README.md} describes the format field by field.
     *
     * @param text the document
     * @return the fleet
     * @throws io.ocatopic.gpu.GpuException {@code INVALID} for text that does not parse or a fleet that is not valid
     */
    public static Fleet fromYaml(String text) {
        return FleetChecks.read(text);
    }

    /**
     * Returns the number of GPUs.
     *
     * @return the number of GPUs
     */
    public int gpuCount() {
        return nodes.stream().mapToInt(n -> n.gpus().size()).sum();
    }

    /**
     * A node and its GPUs.
     *
     * @param name  node name
     * @param group node group that group demands name (for example a label value); "" for none
     * @param gpus  the GPUs
     * <pre>{@code
     * new Fleet.Node("worker-0", "training", List.of(Fleet.Gpu.empty(0, "A100-40GB")))
     * }</pre>
     */
    public record Node(String name, String group, List<Gpu> gpus) {
        /**
         * Validates and copies.
         *
         * @param name see the record component
         * @param group see the record component
         * @param gpus see the record component (null reads as none)
         * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming each bad field
         */
        public Node {
            java.util.List<String> problems = new java.util.ArrayList<>();
            if (name == null || name.isBlank()) {
                problems.add("name: required, the node name");
            }
            group = group == null ? "" : group;
            gpus = gpus == null ? List.of() : gpus;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < gpus.size(); i++) {
                if (gpus.get(i) == null) {
                    problems.add("gpus[" + i + "]: empty entry");
                } else if (!seen.add(gpus.get(i).index())) {
                    problems.add("gpus[" + i + "].index: " + gpus.get(i).index() + " appears twice on this node");
                }
            }
            FleetChecks.fail(problems);
            gpus = List.copyOf(gpus);
        }
    }

    /**
     * One GPU of a node as observed.
     *
     * @param index      NVML index on the node
     * @param model      the model: catalog key ({@code A100-40GB}), NVML product name ({@code NVIDIA A100-SXM4-40GB},
     *                   with or without {@code NVIDIA }) or PCI id ({@code 0x20B010DE}); see {@link GpuPartitioner#modelKey}
     * @param migEnabled whether MIG mode is on
     * @param instances  the GPU instances that exist
     * <pre>{@code
     * new Fleet.Gpu(0, "A100-40GB", false, List.of())
     * }</pre>
     */
    public record Gpu(@com.fasterxml.jackson.annotation.JsonProperty(required = true) int index, String model,
                           boolean migEnabled, List<Instance> instances) {
        /**
         * Validates and copies.
         *
         * @param index see the record component
         * @param model see the record component
         * @param migEnabled see the record component
         * @param instances see the record component (null reads as none)
         * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming each bad field
         */
        public Gpu {
            java.util.List<String> problems = new java.util.ArrayList<>();
            if (index < 0) {
                problems.add("index: " + index + " is not an NVML index (0 or more)");
            }
            if (model == null || model.isBlank()) {
                problems.add("model: required, a catalog key (A100-40GB), an NVML product name (NVIDIA A100-SXM4-40GB)"
                        + " or a PCI id (0x20B010DE)");
            }
            instances = instances == null ? List.of() : instances;
            for (int i = 0; i < instances.size(); i++) {
                if (instances.get(i) == null) {
                    problems.add("instances[" + i + "]: empty entry");
                }
            }
            if (!migEnabled && !instances.isEmpty()) {
                problems.add("instances: " + instances.size() + " GPU instance(s) but migEnabled is false");
            }
            FleetChecks.fail(problems);
            instances = List.copyOf(instances);
        }

        /**
         * An empty GPU with MIG off.
         *
         * @param index NVML index
         * @param model the model (see the record component)
         * @return the GPU
         */
        public static Gpu empty(int index, String model) {
            return new Gpu(index, model, false, List.of());
        }
    }

    /**
     * A GPU instance that exists now.
     *
     * @param profile profile name
     * @param start   first memory slice
     * @param busy    whether workloads use it (the planner never moves or destroys a busy instance)
     * <pre>{@code
     * new Fleet.Instance("3g.20gb", 0, true)
     * }</pre>
     */
    public record Instance(String profile, @com.fasterxml.jackson.annotation.JsonProperty(required = true) int start,
                                   boolean busy) {
        /**
         * Validates.
         *
         * @param profile see the record component
         * @param start   see the record component
         * @param busy    see the record component
         * @throws io.ocatopic.gpu.GpuException {@code INVALID} naming the bad field
         */
        public Instance {
            java.util.List<String> problems = new java.util.ArrayList<>();
            if (profile == null || profile.isBlank()) {
                problems.add("profile: required, a profile name such as 3g.20gb");
            }
            if (start < 0 || start > 7) {
                problems.add("start: " + start + " is not a memory slice (0..7)");
            }
            FleetChecks.fail(problems);
        }

        /**
         * Returns where this instance is placed.
         *
         * @return the placement of this instance
         */
        public MigPlan.Instance placed() {
            return new MigPlan.Instance(profile, start);
        }
    }
}
