package io.ocatopic.kube;

import io.ocatopic.core.Problem;
import java.util.List;
import java.util.Map;

/**
 * An admission rule of a consuming operator that no CRD schema states (a validating webhook, a
 * controller's own check, or a selector that must match), written beside the type it guards and found
 * through {@link java.util.ServiceLoader} by {@link SchemaCheck} (and so by the embedded API server of {@code ocatopic-testing}).
 *
 * <p>Objects reach a rule as JSON trees ({@code Map}/{@code List}/{@code String}/{@code Long}/
 * {@code Double}/{@code Boolean}) after the schema's defaults were applied and only when the schema
 * check passed. A rule names its upstream source so that every refusal can be traced.
 *
 * <p>Register an implementation in {@code META-INF/services/io.ocatopic.kube.AdmissionRule}.
 */
public interface AdmissionRule {
    /**
     * Where the rule comes from upstream.
     *
     * @return the repository and file, e.g. {@code kubernetes-sigs/kernel-module-management internal/webhook/module.go}
     */
    String source();

    /**
     * Whether this rule guards objects of this type.
     *
     * @param apiVersion the object's {@code apiVersion}, e.g. {@code kmm.sigs.x-k8s.io/v1beta1}
     * @param kind       the object's {@code kind}
     * @return true when {@link #check} and {@link #checkSet} should see such objects
     */
    boolean guards(String apiVersion, String kind);

    /**
     * The problems of one object, as the consumer's admission would refuse it.
     *
     * @param object the object, defaults applied
     * @return the problems, field paths relative to the object; empty when admitted
     */
    default List<Problem> check(Map<String, Object> object) {
        return List.of();
    }

    /**
     * The problems that only show when objects are applied together (a pool that must select a
     * MachineConfig, a resource a pod will request): the outcome the consumer would reach. Run by
     * {@link SchemaCheck#checkAll}; the embedded API, like a real server, does not run it.
     *
     * @param objects every object of the set (all kinds), defaults applied
     * @return the problems, each with the index in {@code objects} of the object it concerns
     */
    default List<Flag> checkSet(List<Map<String, Object>> objects) {
        return List.of();
    }

    /**
     * A problem found by {@link #checkSet}.
     *
     * @param index   the index in the checked list of the object it concerns
     * @param problem what is wrong with it
     */
    record Flag(int index, Problem problem) {
    }
}
