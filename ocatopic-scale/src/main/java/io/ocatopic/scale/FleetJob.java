package io.ocatopic.scale;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import java.util.Map;

/**
 * Renders the simulator as a Kubernetes Job for a fleet larger than one JVM holds: an Indexed Job of
 * {@code shards} pods, each running {@code ocatopic scale fleet --in-cluster --shard $JOB_COMPLETION_INDEX}
 * over its share of the spokes, with the ServiceAccount and ClusterRole the klusterlets' calls need. Each
 * pod prints its report as JSON on stdout ({@code kubectl logs}); Kubernetes, not ocatopic, distributes.
 * The shard reports merge into one with {@link FleetReport#merge(java.util.List)} (or
 * {@link FleetReport#mergeFiles(java.util.List)} over the saved JSON): shard {@code k} of {@code n}
 * simulates spokes {@code k, k + n, ...}, so the shards' spokes are disjoint and their union is the fleet.
 *
 * <pre>{@code
 * List<HasMetadata> objs = FleetJob.render("r1", "ocatopic-scale", "quay.io/acme/ocatopic:0.1.0", 20000, 4,
 *         List.of("--scenarios", "join,steady", "--steady", "600"));
 * SchemaCheck.bundled().checkAll(objs);                 // then: ocatopic apply -f - --dry-run=server
 * }</pre>
 */
public final class FleetJob {
    private FleetJob() {
    }

    /**
     * The objects of one distributed run.
     *
     * @param runId     the run id (every shard labels with it, so one cleanup removes all)
     * @param namespace where the Job runs
     * @param image     an image with the {@code ocatopic} command
     * @param spokes    the whole fleet
     * @param shards    pods; each simulates {@code spokes / shards}
     * @param extraArgs further {@code scale fleet} options (scenarios, durations)
     * @return ServiceAccount, ClusterRole, ClusterRoleBinding, Job
     * @throws IllegalArgumentException naming the bad field
     */
    public static List<HasMetadata> render(String runId, String namespace, String image, int spokes, int shards,
                                           List<String> extraArgs) {
        FleetConfig.builder().runId(runId).spokes(Math.max(1, spokes / Math.max(1, shards))).build(); // validates
        if (shards < 1 || shards > 1000) {
            throw new IllegalArgumentException("shards: " + shards + " must be 1..1000");
        }
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("image: must name an image with the ocatopic command");
        }
        for (String a : extraArgs) {
            if (!a.matches("[A-Za-z0-9=,._:/-]+")) {
                throw new IllegalArgumentException("extraArgs: \"" + a + "\" has characters a shell would interpret");
            }
        }
        String name = "ocatopic-fleet-" + runId;
        Map<String, String> labels = Map.of(ScaleLabels.RUN, runId);
        var sa = new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).endMetadata().build();
        var role = new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withRules(rule("cluster.open-cluster-management.io", "managedclusters", "managedclusters/status"),
                        rule("work.open-cluster-management.io", "manifestworks", "manifestworks/status"),
                        rule("hub.kmm.sigs.x-k8s.io", "managedclustermodules"),
                        rule("coordination.k8s.io", "leases"), rule("", "namespaces"))
                .build();
        var binding = new ClusterRoleBindingBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject().build();
        String args = "exec ocatopic scale fleet --in-cluster -o json --keep --run-id " + runId + " --spokes " + spokes
                + " --shards " + shards + " --shard \"$JOB_COMPLETION_INDEX\" --out /tmp/report "
                + String.join(" ", extraArgs);
        var job = new JobBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .endMetadata().withNewSpec().withCompletionMode("Indexed").withCompletions(shards).withParallelism(shards)
                .withBackoffLimit(0).withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withServiceAccountName(name).withRestartPolicy("Never")
                .addNewContainer().withName("fleet").withImage(image).withCommand("/bin/sh", "-c").withArgs(args)
                .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("1"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build();
        return List.of(sa, role, binding, job);
    }

    private static io.fabric8.kubernetes.api.model.rbac.PolicyRule rule(String group, String... resources) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources)
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build();
    }
}
