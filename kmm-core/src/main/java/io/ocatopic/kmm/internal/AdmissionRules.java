package io.ocatopic.kmm.internal;

import io.ocatopic.core.Problem;
import io.ocatopic.kmm.ModuleSpec;
import io.ocatopic.kmm.internal.resources.Module;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * KMM's admission rules for a {@code Module}, replicated so that ocatopic rejects before any build what
 * KMM's webhook (kubernetes-sigs/kernel-module-management {@code internal/webhook/module.go},
 * {@code validateModule}), its CRD schema ({@code api/v1beta1/module_types.go}) and the API server's name rule
 * would reject. Unlike the webhook, which stops at the first error, every problem is reported, each with its
 * JSON field path. {@link KmmAdmissionRule} runs the webhook's part on JSON trees.
 *
 * <pre>{@code
 * List<Problem> problems = AdmissionRules.validate(module);
 * }</pre>
 */
public final class AdmissionRules {
    /**
     * The largest {@code len(name)+len(namespace)} ocatopic admits. The webhook rejects
     * {@code len(mod.Name + mod.Namespace) > maxCombinedLength}; {@code maxCombinedLength} is 40 in every
     * KMM release since it was introduced (#445, 2023) and 41 at the commit the CRDs were taken from
     * (de3f8c9d; kubernetes-sigs/kernel-module-management {@code internal/webhook/module.go}). The stricter
     * 40 is kept so that a Module is admitted by both.
     */
    public static final int MAX_NAME_AND_NAMESPACE = 40;

    private AdmissionRules() {
    }

    /**
     * Every admission problem of a Module: its name (required, a DNS-1123 subdomain, at most
     * {@value #MAX_NAME_AND_NAMESPACE} characters with the namespace) and its spec ({@link #validateSpec}).
     *
     * @param module the Module
     * @return the problems in field order, empty when KMM admits it
     */
    public static List<Problem> validate(Module module) {
        List<Problem> out = new ArrayList<>();
        String name = module.getMetadata() == null || module.getMetadata().getName() == null ? "" : module.getMetadata().getName();
        String ns = module.getMetadata() == null || module.getMetadata().getNamespace() == null ? "" : module.getMetadata().getNamespace();
        if (name.isEmpty()) {
            out.add(new Problem("metadata.name", "is required"));
        } else {
            KmmNames.subdomainProblem("metadata.name", name).ifPresent(out::add);
        }
        out.addAll(webhook(name, ns, module.getSpec()));
        return out;
    }

    /**
     * The webhook's problems of a Module given by name, namespace and spec (no name syntax check).
     *
     * @param name      the Module name, empty when unknown
     * @param namespace its namespace, empty when unknown
     * @param spec      its spec
     * @return the problems in field order
     */
    static List<Problem> webhook(String name, String namespace, Module.Spec spec) {
        List<Problem> out = new ArrayList<>();
        if (name.length() + namespace.length() > MAX_NAME_AND_NAMESPACE) {
            out.add(new Problem("metadata.name", "name and namespace together have " + (name.length() + namespace.length())
                    + " characters; KMM admits at most " + MAX_NAME_AND_NAMESPACE + ": shorten the name or the namespace"));
        }
        out.addAll(validateSpec(spec, "spec"));
        return out;
    }

    /**
     * Every admission problem of a Module spec on its own, as KMM's hub webhook checks a
     * ManagedClusterModule's {@code spec.moduleSpec} (kubernetes-sigs/kernel-module-management
     * {@code internal/webhook/hub/managedclustermodule_webhook.go}: the Module rules on a Module without
     * name or namespace).
     *
     * @param spec the spec, {@code null} when absent
     * @param path the spec's field path: {@code spec} for a Module, {@code spec.moduleSpec} for a ManagedClusterModule
     * @return the problems in field order, empty when KMM admits it
     */
    public static List<Problem> validateSpec(Module.Spec spec, String path) {
        List<Problem> out = new ArrayList<>();
        if (spec == null) {
            out.add(new Problem(path, "is required"));
            return out;
        }
        if (spec.selector() == null) {
            out.add(new Problem(path + ".selector", "is required"));
        }
        if (spec.moduleLoader() == null || spec.moduleLoader().container() == null) {
            return out;
        }
        String container = path + ".moduleLoader.container";
        Module.Container c = spec.moduleLoader().container();
        String defaultImage = c.containerImage() == null ? "" : c.containerImage();
        if (!defaultImage.isEmpty()) {
            image(out, container + ".containerImage", defaultImage);
        }
        List<Module.Mapping> mappings = c.kernelMappings() == null ? List.of() : c.kernelMappings();
        if (mappings.isEmpty()) {
            out.add(new Problem(container + ".kernelMappings", "at least one kernel mapping is required"));
        }
        for (int i = 0; i < mappings.size(); i++) {
            Module.Mapping m = mappings.get(i);
            String p = container + ".kernelMappings[" + i + "]";
            boolean lit = m.literal() != null && !m.literal().isEmpty();
            boolean re = m.regexp() != null && !m.regexp().isEmpty();
            if (lit && re) {
                out.add(new Problem(p, "regexp and literal are mutually exclusive: keep one"));
            } else if (!lit && !re) {
                out.add(new Problem(p, "regexp or literal must be set"));
            }
            if (re) {
                KernelVersions.re2Error(m.regexp()).ifPresent(e -> out.add(new Problem(p + ".regexp", "invalid RE2 expression: " + e)));
            }
            String img = m.containerImage() == null ? "" : m.containerImage();
            if (img.isEmpty()) {
                if (defaultImage.isEmpty()) {
                    out.add(new Problem(p + ".containerImage", "is required when the container has no containerImage"));
                } else if (m.containerImage() == null) {
                    // the CRD lists containerImage as required in every mapping, even where the webhook falls back
                    out.add(new Problem(p + ".containerImage", "is required by the Module CRD: repeat the container's "
                            + "containerImage " + defaultImage + " here"));
                }
            } else if (!img.equals(defaultImage)) {
                // the container's image repeated here was checked once, at the container
                image(out, p + ".containerImage", img);
            }
        }
        Module.Modprobe mp = c.modprobe();
        String dirName = mp == null || mp.dirName() == null || mp.dirName().isEmpty() ? ModuleSpec.DEFAULT_DIR_NAME : mp.dirName();
        modprobe(out, container + ".modprobe", mp);
        sign(out, container + ".sign", c.sign(), dirName);
        for (int i = 0; i < mappings.size(); i++) {
            sign(out, container + ".kernelMappings[" + i + "].sign", mappings.get(i).sign(), dirName);
        }
        return out;
    }

    private static void image(List<Problem> out, String path, String image) {
        // KMM's validateImageFormat: the reference must contain ':' or '@'
        if (!image.contains(":") && !image.contains("@")) {
            out.add(new Problem(path, "image must set a tag or digest: " + image));
        }
    }

    private static void modprobe(List<Problem> out, String p, Module.Modprobe mp) {
        String moduleName = mp == null || mp.moduleName() == null ? "" : mp.moduleName();
        boolean rawLoad = mp != null && mp.rawArgs() != null && mp.rawArgs().load() != null && !mp.rawArgs().load().isEmpty();
        boolean rawUnload = mp != null && mp.rawArgs() != null && mp.rawArgs().unload() != null && !mp.rawArgs().unload().isEmpty();
        if (!moduleName.isEmpty()) {
            if (rawLoad || rawUnload) {
                out.add(new Problem(p + ".rawArgs", "rawArgs cannot be set when moduleName is set"));
            }
        } else if (!rawLoad || !rawUnload) {
            out.add(new Problem(p + ".moduleName", "moduleName is required unless both load and unload rawArgs are set"));
        }
        List<String> order = mp == null ? null : mp.modulesLoadingOrder();
        if (order != null && !order.isEmpty()) {
            String op = p + ".modulesLoadingOrder";
            if (order.size() < 2) {
                out.add(new Problem(op, "a loading order needs at least two modules"));
            }
            if (moduleName.isEmpty()) {
                out.add(new Problem(op, "a loading order needs moduleName"));
            } else if (!order.get(0).equals(moduleName)) {
                out.add(new Problem(op + "[0]", "the first module of the loading order must be moduleName '" + moduleName + "'"));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < order.size(); i++) {
                if (!seen.add(order.get(i))) {
                    out.add(new Problem(op + "[" + i + "]", "'" + order.get(i) + "' is a duplicate in the loading order"));
                }
            }
        }
    }

    private static void sign(List<Problem> out, String path, Module.Sign sign, String dirName) {
        if (sign == null) {
            return;
        }
        List<String> files = sign.filesToSign() == null ? List.of() : sign.filesToSign();
        if (files.isEmpty()) {
            out.add(new Problem(path + ".filesToSign", "filesToSign is required when sign is set"));
        }
        for (int i = 0; i < files.size(); i++) {
            if (!files.get(i).startsWith(dirName + "/")) {
                out.add(new Problem(path + ".filesToSign[" + i + "]", "'" + files.get(i) + "' is not under dirName " + dirName + "/"));
            }
        }
    }
}
