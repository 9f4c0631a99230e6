package io.ocatopic.kmm.internal.resources;

import io.ocatopic.core.Problem;

import io.ocatopic.kmm.KernelMapping;
import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.internal.KmmNames;
import io.ocatopic.kmm.ModuleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure rendering of KMM resources from a {@link ModuleSpec}; no I/O. Write the results with the SDK's one
 * apply path ({@code io.ocatopic.kube.Applier}) or dump them with {@code KubeYaml}.
 *
 * <pre>{@code
 * Module module = KmmResources.module(spec);                        // mappings as the spec says
 * Module pinned = KmmResources.moduleForImages(spec, result.pinnedImages());  // one literal per built kernel
 * ManagedClusterModule mcm = KmmResources.managedClusterModule(spec, "kmm-demo", Map.of("edge", "true"));
 * }</pre>
 */
public final class KmmResources {
    private KmmResources() {
    }

    /**
     * The Module for a spec: its kernel mappings (or one {@code ^.+$} regexp), the default image template,
     * modprobe settings and selector. No build or sign section (see {@link InClusterBuild}). Every mapping
     * carries a {@code containerImage}, which the Module CRD requires: its own, or the default template.
     *
     * @param spec the spec
     * @return the Module
     */
    public static Module module(ModuleSpec spec) {
        return Module.of(spec.name(), spec.namespace(), moduleSpec(spec, mappings(spec), blankToNull(spec.imageTemplate()), null, null));
    }

    /**
     * A ManagedClusterModule for a spec, named like its Module, whose {@code moduleSpec} is
     * {@link #module}'s spec.
     *
     * @param spec           the spec
     * @param spokeNamespace the namespace of the Module on each spoke
     * @param selector       labels on the ManagedCluster objects of the spokes
     * @return the object
     */
    public static ManagedClusterModule managedClusterModule(ModuleSpec spec, String spokeNamespace, Map<String, String> selector) {
        return ManagedClusterModule.of(spec.name(), module(spec).getSpec(), spokeNamespace, selector);
    }

    /**
     * The kernel mappings of a spec as KMM reads them: each with its own image or, where it has none, the
     * default template (the CRD requires {@code containerImage} in every mapping; KMM would fall back to the
     * default, so the outcome is the same). {@code null} only when neither is set, which validation reports.
     *
     * @param spec the spec
     * @return the mappings, no build or sign
     */
    static List<Module.Mapping> mappings(ModuleSpec spec) {
        List<Module.Mapping> mappings = new ArrayList<>();
        for (KernelMapping m : spec.effectiveMappings()) {
            String image = m.containerImage().isEmpty() ? spec.imageTemplate() : m.containerImage();
            mappings.add(new Module.Mapping(blankToNull(m.literal()), blankToNull(m.regexp()), blankToNull(image), null, null));
        }
        return mappings;
    }

    /**
     * The Module for images already built: one {@code literal} mapping per kernel, each to its image
     * (typically pinned to a digest), no default image, no build or sign.
     *
     * @param spec   the spec
     * @param images kernel to image reference, in order
     * @return the Module
     */
    public static Module moduleForImages(ModuleSpec spec, Map<String, String> images) {
        List<Module.Mapping> mappings = new ArrayList<>();
        images.forEach((k, img) -> mappings.add(Module.Mapping.literal(k, img)));
        return Module.of(spec.name(), spec.namespace(), moduleSpec(spec, mappings, null, null, null));
    }

    /**
     * A PreflightValidation for an upcoming kernel; its name is derived from the kernel
     * ({@code preflight-} + the kernel in lower case, every character but letters, digits and {@code -}
     * turned into {@code -}).
     *
     * @param kernel         the kernel of the upgrade
     * @param pushBuiltImage whether KMM pushes what it builds
     * @return the object
     * @throws KmmException ({@link KmmException.Reason#INVALID}) at {@code spec.kernelVersion} when the kernel
     *                      is blank, at {@code metadata.name} when the derived name is no DNS-1123 subdomain
     */
    public static PreflightValidation preflight(String kernel, boolean pushBuiltImage) {
        if (kernel == null || kernel.isBlank()) {
            throw KmmException.invalid(List.of(new Problem("spec.kernelVersion",
                    "is required: give the kernel of the upgrade, e.g. 6.1.0-56-amd64")));
        }
        String dns = kernel.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        String name = dns.isEmpty() ? "preflight" : "preflight-" + dns;
        KmmNames.subdomainProblem("metadata.name", name).ifPresent(p -> {
            throw KmmException.invalid(List.of(p));
        });
        return PreflightValidation.of(name, kernel, pushBuiltImage);
    }

    static Module.Spec moduleSpec(ModuleSpec spec, List<Module.Mapping> mappings, String defaultImage,
                                  Module.Build build, Module.Sign sign) {
        Module.RawArgs raw = spec.rawLoadArgs().isEmpty() && spec.rawUnloadArgs().isEmpty() ? null
                : new Module.RawArgs(emptyToNull(spec.rawLoadArgs()), emptyToNull(spec.rawUnloadArgs()));
        Module.Modprobe modprobe = new Module.Modprobe(blankToNull(spec.moduleName()), spec.dirName(),
                blankToNull(spec.firmwarePath()), emptyToNull(spec.parameters()), raw, emptyToNull(spec.modulesLoadingOrder()));
        Module.Container container = new Module.Container(modprobe, mappings, defaultImage, build, sign, null);
        Map<String, String> selector = spec.selector().isEmpty()
                ? new LinkedHashMap<>(Map.of("node-role.kubernetes.io/worker", "")) : new LinkedHashMap<>(spec.selector());
        return new Module.Spec(selector, spec.imageRepoSecret().isEmpty() ? null : new Module.Ref(spec.imageRepoSecret()),
                new Module.Loader(container, null));
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static <T> List<T> emptyToNull(List<T> l) {
        return l == null || l.isEmpty() ? null : new ArrayList<>(l);
    }
}
