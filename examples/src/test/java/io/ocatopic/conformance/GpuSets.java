package io.ocatopic.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.ClusterPolicy;
import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.MigStrategy;
import io.ocatopic.gpu.HyperConverged;
import io.ocatopic.gpu.SandboxWorkload;
import io.ocatopic.gpu.internal.vgpu.VgpuRender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gpu outputs: the MIG manager ConfigMap, ClusterPolicy (MIG, sandbox/vGPU) and HyperConverged (both
 * vGPU paths). A ClusterPolicy is rendered as the fields ocatopic sets, applied as a merge patch
 * ({@code oc patch --type merge}) over the operator's own sample policy, so it is checked merged.
 */
final class GpuSets {
    /** gpu-operator's sample ClusterPolicy, verbatim (gpu-core's test resource; its header names the source). */
    private static final Path OPERATOR_SAMPLE = Path.of("../gpu-core/src/test/resources/gpu-operator/v1_clusterpolicy.yaml");

    private GpuSets() {
    }

    static void addTo(Map<String, Supplier<List<?>>> sets) {
        GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
        sets.put("gpu: MIG plan ConfigMap and ClusterPolicy (merged over the operator sample)", () -> {
            Fleet fleet = new Fleet(List.of(
                    new Fleet.Node("train-0", "training", List.of(Fleet.Gpu.empty(0, "NVIDIA A100-SXM4-40GB"), Fleet.Gpu.empty(1, "A100-40GB"))),
                    new Fleet.Node("infer-0", "inference", List.of(Fleet.Gpu.empty(0, "0x233010DE")))));
            MigPlan plan = gp.plan(fleet, List.of(Demand.forGroup("training", "3g.20gb", 2),
                    Demand.forGroup("training", "1g.5gb", 4), Demand.forGroup("inference", "1g.10gb", 7)));
            List<Object> out = new ArrayList<>();
            out.add(gp.migManagerConfigMap("ocatopic-mig-config", "nvidia-gpu-operator", plan));
            out.add(merged(gp.migClusterPolicy(MigStrategy.MIXED, "ocatopic-mig-config")));
            out.add(merged(ClusterPolicy.of(VgpuRender.clusterPolicy(SandboxWorkload.VM_VGPU, "ocatopic-vgpu-config", "A100-40C"))));
            return out;
        });
        sets.put("gpu: HyperConverged for the GPU operator and for KubeVirt", () -> List.of(
                VgpuRender.hyperConvergedForGpuOperator(List.of("NVIDIA A100-1-5C", "GRID A100D-1-10C")),
                VgpuRender.hyperConvergedForKubevirt(List.of("NVIDIA A10-24Q"), List.of("nvidia-558"),
                        List.of(new HyperConverged.Spec.NodeMediatedDeviceTypes(Map.of("nvidia.com/gpu.product", "NVIDIA-A10"),
                                List.of("nvidia-560"))))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(ClusterPolicy policy) {
        try {
            Map<String, Object> sample = new ObjectMapper(new YAMLFactory()).readValue(OPERATOR_SAMPLE.toFile(), Map.class);
            return (Map<String, Object>) merge(sample, Serialization.jsonMapper().convertValue(policy, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 7386 JSON merge patch: objects merge, lists and scalars are replaced, null removes. */
    @SuppressWarnings("unchecked")
    static Object merge(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> p)) {
            return patch;
        }
        Map<String, Object> out = target instanceof Map<?, ?> t ? new LinkedHashMap<>((Map<String, Object>) t) : new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (v == null) {
                out.remove((String) k);
            } else {
                out.put((String) k, merge(out.get(k), v));
            }
        });
        return out;
    }
}
