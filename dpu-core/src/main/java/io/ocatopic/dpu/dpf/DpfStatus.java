package io.ocatopic.dpu.dpf;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ocatopic.dpu.DpuException;
import io.ocatopic.dpu.internal.dpf.DpfStatusExplainer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * DPF provisioning status, explained per host: {@link #read} reads DPU, DPUSet, BFB and DPUService objects and
 * turns them into one {@link NodeStatus} per host with the reason a DPU is stuck or failed and the recovery that
 * DPF's code and known issues document. Sources (NVIDIA/doca-platform v24.10.0-rc.6):
 * {@code api/provisioning/v1alpha1/dpu_types.go} and {@code bfb_types.go} (phases, condition types);
 * {@code internal/provisioning/controllers/dpu/state/pending.go} (Pending waits for the BFB to be Ready, with
 * no deadline), {@code dms_deploy.go} (DMSPodFailed, DMSPodTimedout), {@code installing.go}
 * (InstallationFailed), {@code error.go} (the Error phase is terminal: the controller only removes the node
 * effect), {@code bfb/state/error.go} (a BFB in Error stays there; its spec is immutable,
 * {@code self == oldSelf}); release notes known issues #2 and #11; issues #17, #29, #40.
 *
 * <pre>{@code
 * DpfStatus s = DpfStatus.read(client, "dpf-operator-system", List.of("host-3"), Instant.now(), Duration.ofMinutes(30));
 * s.nodes().forEach(n -> System.out.println(n.host() + " " + n.state() + " " + n.reason()));
 * }</pre>
 *
 * @param nodes    one entry per host
 * @param services {@code name: reason} for each DPUService whose ApplicationsReady/Ready condition is not True
 */
public record DpfStatus(List<NodeStatus> nodes, List<String> services) {
    /** How a host's DPU stands. */
    public enum State {
        /** Phase Ready. */
        READY,
        /** On its way, within the deadline. */
        PROGRESSING,
        /** No progress past the deadline. */
        STUCK,
        /** An error phase, or a dependency in error. */
        FAILED,
        /** No DPU object for the host. */
        MISSING
    }

    /**
     * One host's DPU.
     *
     * @param host     the host node
     * @param dpu      the DPU object's name, empty when missing
     * @param phase    its phase
     * @param state    how it stands
     * @param reason   why (empty when READY)
     * @param recovery what to do (empty when READY)
     */
    public record NodeStatus(String host, String dpu, String phase, State state, String reason, String recovery) {
    }

    /**
     * Copies the lists.
     *
     * @param nodes see the record description
     * @param services see the record description
     */
    public DpfStatus {
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
    }

    /**
     * Returns whether every DPU and every DPUService is ready.
     *
     * @return whether every DPU is ready and every DPUService too
     */
    public boolean healthy() {
        return services.isEmpty() && nodes.stream().allMatch(n -> n.state() == State.READY);
    }

    /**
     * Reads the objects from a cluster and explains them.
     *
     * @param client    the host cluster
     * @param namespace DPF's namespace
     * @param hosts     the hosts expected to have a DPU (from the configuration); others found are reported too
     * @param now       the current time
     * @param deadline  how long a phase may last without progress
     * @return the status
     * @throws DpuException APPLY_FAILED when the cluster cannot be read
     */
    public static DpfStatus read(KubernetesClient client, String namespace, List<String> hosts, Instant now, Duration deadline) {
        List<Map<String, Object>> objects = new ArrayList<>();
        try {
            for (String[] k : new String[][] {{"provisioning.dpu.nvidia.com", "BFB", "bfbs"}, {"provisioning.dpu.nvidia.com", "DPU", "dpus"},
                    {"provisioning.dpu.nvidia.com", "DPUSet", "dpusets"}, {"svc.dpu.nvidia.com", "DPUService", "dpuservices"}}) {
                ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(k[0]).withVersion("v1alpha1")
                        .withKind(k[1]).withPlural(k[2]).withNamespaced(true).build();
                for (GenericKubernetesResource r : client.genericKubernetesResources(ctx).inNamespace(namespace).list().getItems()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = Serialization.jsonMapper().convertValue(r, Map.class);
                    objects.add(m);
                }
            }
        } catch (KubernetesClientException e) {
            throw new DpuException(DpuException.Reason.APPLY_FAILED, "reading DPF status failed: " + e.getMessage(), e);
        }
        return explain(objects, hosts, now, deadline);
    }

    /**
     * Explains recorded objects (JSON trees as the API returns them).
     *
     * @param objects  BFB, DPU, DPUSet and DPUService objects with their status
     * @param hosts    the hosts expected to have a DPU
     * @param now      the current time
     * @param deadline how long a phase may last without progress
     * @return the status, hosts in the order given, then hosts found but not expected
     */
    public static DpfStatus explain(Collection<Map<String, Object>> objects, List<String> hosts, Instant now, Duration deadline) {
        return DpfStatusExplainer.explain(objects, hosts, now, deadline);
    }
}
