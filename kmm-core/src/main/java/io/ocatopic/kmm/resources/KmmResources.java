package io.ocatopic.kmm.resources;

import io.ocatopic.kmm.KernelMapping;
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
 * }</pre>
 */
public final class KmmResources {
    private KmmResources() {
    }

    /**
     * The Module for a spec: its kernel mappings (or one {@code ^.+$} regexp), the default image template,
     * modprobe settings and selector. No build or sign section (see {@link InClusterBuild}).
     *
     * @param spec the spec
     * @return the Module
     */
    public static Module module(ModuleSpec spec) {
        List<Module.Mapping> mappings = new ArrayList<>();
        for (KernelMapping m : spec.effectiveMappings()) {
            mappings.add(new Module.Mapping(blankToNull(m.literal()), blankToNull(m.regexp()),
                    blankToNull(m.containerImage()), null, null));
        }
        return Module.of(spec.name(), spec.namespace(), moduleSpec(spec, mappings, blankToNull(spec.imageTemplate()), null, null));
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
     * ({@code preflight-} + DNS-safe kernel).
     *
     * @param kernel         the kernel of the upgrade
     * @param pushBuiltImage whether KMM pushes what it builds
     * @return the object
     */
    public static PreflightValidation preflight(String kernel, boolean pushBuiltImage) {
        String dns = kernel.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        return PreflightValidation.of("preflight-" + dns, kernel, pushBuiltImage);
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
