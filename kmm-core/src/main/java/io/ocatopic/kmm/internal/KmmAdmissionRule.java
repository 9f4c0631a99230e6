package io.ocatopic.kmm.internal;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.ocatopic.kmm.internal.resources.Module;
import io.ocatopic.kube.AdmissionRule;
import io.ocatopic.core.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KMM's validating webhooks as an {@link AdmissionRule}: the Module webhook
 * (kubernetes-sigs/kernel-module-management {@code internal/webhook/module.go}, {@code validateModule}) on
 * {@code kmm.sigs.x-k8s.io} Modules, and the hub webhook ({@code internal/webhook/hub/managedclustermodule_webhook.go}),
 * which runs the same rules on a {@code hub.kmm.sigs.x-k8s.io} ManagedClusterModule's {@code spec.moduleSpec}
 * as a Module without name or namespace (so the name length rule does not apply there). The rules are
 * {@link AdmissionRules}': name and namespace together at most {@value AdmissionRules#MAX_NAME_AND_NAMESPACE}
 * characters; images with a tag or digest; exactly one of {@code literal} and {@code regexp} per kernel
 * mapping, regexps that compile as RE2; a mapping image unless the container has one; {@code moduleName} xor
 * {@code rawArgs}; the loading order; {@code filesToSign} under {@code dirName}. Found through
 * {@code META-INF/services/io.ocatopic.kube.AdmissionRule}.
 *
 * <p>Not replicated, because ocatopic renders none of these fields: tolerations, {@code devicePlugin} and
 * {@code dra} (host paths, DRA driver and device class names), {@code inTreeModulesToRemove} exclusivity,
 * and the update rule on {@code version}.
 *
 * <pre>{@code
 * List<Problem> problems = new KmmAdmissionRule().check(moduleAsJsonTree);
 * }</pre>
 */
public final class KmmAdmissionRule implements AdmissionRule {
    private static final String GROUP = "kmm.sigs.x-k8s.io/";
    private static final String HUB_GROUP = "hub.kmm.sigs.x-k8s.io/";

    /** Creates the rule; it holds no state. */
    public KmmAdmissionRule() {
    }

    /** @return {@code kubernetes-sigs/kernel-module-management internal/webhook/module.go} */
    @Override
    public String source() {
        return "kubernetes-sigs/kernel-module-management internal/webhook/module.go";
    }

    /**
     * Guards {@code kmm.sigs.x-k8s.io/*} Modules and {@code hub.kmm.sigs.x-k8s.io/*} ManagedClusterModules.
     *
     * @param apiVersion the object's {@code apiVersion}
     * @param kind       the object's {@code kind}
     * @return whether KMM's webhook validates such objects
     */
    @Override
    public boolean guards(String apiVersion, String kind) {
        if (apiVersion == null || kind == null) {
            return false;
        }
        return apiVersion.startsWith(GROUP) && kind.equals("Module")
                || apiVersion.startsWith(HUB_GROUP) && kind.equals("ManagedClusterModule");
    }

    /**
     * The webhook's problems of one Module or ManagedClusterModule.
     *
     * @param object the object as a JSON tree, defaults applied
     * @return the problems with field paths relative to the object, empty when KMM admits it
     */
    @Override
    public List<Problem> check(Map<String, Object> object) {
        String kind = String.valueOf(object.get("kind"));
        Map<?, ?> spec = object.get("spec") instanceof Map<?, ?> m ? m : null;
        List<Problem> problems;
        try {
            if (kind.equals("ManagedClusterModule")) {
                Object moduleSpec = spec == null ? null : spec.get("moduleSpec");
                problems = AdmissionRules.validateSpec(toSpec(moduleSpec), "spec.moduleSpec");
            } else {
                Map<?, ?> meta = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
                problems = AdmissionRules.webhook(string(meta.get("name")), string(meta.get("namespace")), toSpec(spec));
            }
        } catch (IllegalArgumentException e) {
            String path = kind.equals("ManagedClusterModule") ? "spec.moduleSpec" : "spec";
            return List.of(new Problem(path, "cannot be read as a KMM Module spec: " + e.getMessage()));
        }
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            out.add(new Problem(p.path(), p.message()));
        }
        return out;
    }

    private static Module.Spec toSpec(Object tree) {
        return tree == null ? null : Serialization.jsonMapper().convertValue(tree, Module.Spec.class);
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }
}
