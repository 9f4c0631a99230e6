package io.ocatopic.kmm;

import io.ocatopic.kmm.internal.AdmissionRules;
import io.ocatopic.kmm.internal.KernelVersions;
import io.ocatopic.kmm.internal.resources.KmmResources;
import io.ocatopic.core.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated description of one out-of-tree kernel module: what to build, for which kernels, where
 * its images go and how KMM loads it. Made by {@link ModuleBuilder#spec()}, which validates it with
 * KMM's admission rules first, so a spec that exists passes KMM's admission. Empty strings mean "not set".
 *
 * <pre>{@code
 * ModuleSpec spec = ModuleBuilder.forModule("hello").namespace("kmm-demo")
 *         .image("registry.example.com/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}")
 *         .kernels("6.1.0-54-amd64").spec();
 * String image = spec.imageFor("6.1.0-54-amd64");
 * }</pre>
 *
 * @param name                the Module name, a DNS-1123 subdomain ({@link ModuleBuilder#forModule} derives it
 *                            from the kernel module's name, lower case, {@code _} turned into {@code -}); also {@code MOD_NAME}
 * @param namespace           the Module namespace
 * @param moduleName          the name modprobe loads, the kernel's own (empty when {@code rawLoadArgs} are used)
 * @param source              the module source, empty when only resources are rendered
 * @param kernels             the target kernels of a local build
 * @param mappings            kernel mappings, first match wins (empty: every kernel uses {@code imageTemplate})
 * @param imageTemplate       the default {@code containerImage} template
 * @param buildArgs           user build arguments (KMM's injected ones override them)
 * @param dirName             the image directory holding {@code lib/modules} ({@code /opt} by default)
 * @param firmwarePath        the image directory holding firmware, empty when none
 * @param firmwareDirectory   a local directory whose files go to {@code firmwarePath}
 * @param modulesLoadingOrder load order (first is {@code moduleName}), empty when not set
 * @param rawLoadArgs         raw modprobe load arguments, empty when not set
 * @param rawUnloadArgs       raw modprobe unload arguments, empty when not set
 * @param parameters          module parameters
 * @param selector            node selector of the Module
 * @param imageRepoSecret     the pull/push Secret name, empty when not set
 * @param signed              whether the modules are signed
 * @param filesToSign         files KMM signs in an in-cluster build (defaults to every {@code .ko})
 */
public record ModuleSpec(String name, String namespace, String moduleName, Optional<ModuleSource> source,
                         List<String> kernels, List<KernelMapping> mappings, String imageTemplate,
                         Map<String, String> buildArgs, String dirName, String firmwarePath,
                         Optional<Path> firmwareDirectory, List<String> modulesLoadingOrder,
                         List<String> rawLoadArgs, List<String> rawUnloadArgs, List<String> parameters,
                         Map<String, String> selector, String imageRepoSecret, boolean signed,
                         List<String> filesToSign) {
    /** KMM's default {@code dirName}. */
    public static final String DEFAULT_DIR_NAME = "/opt";

    /**
     * Copies the collections and replaces {@code null} with empty values; does not validate (see
     * {@link #validate()}).
     *
     * @param name                the Module name
     * @param namespace           the Module namespace
     * @param moduleName          the modprobe name
     * @param source              the source
     * @param kernels             the kernels
     * @param mappings            the mappings
     * @param imageTemplate       the default image template
     * @param buildArgs           the build arguments
     * @param dirName             the module directory
     * @param firmwarePath        the firmware directory in the image
     * @param firmwareDirectory   the local firmware directory
     * @param modulesLoadingOrder the load order
     * @param rawLoadArgs         raw load arguments
     * @param rawUnloadArgs       raw unload arguments
     * @param parameters          module parameters
     * @param selector            node selector
     * @param imageRepoSecret     the image Secret
     * @param signed              whether modules are signed
     * @param filesToSign         files to sign in-cluster
     */
    public ModuleSpec {
        name = Objects.requireNonNullElse(name, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        moduleName = Objects.requireNonNullElse(moduleName, "");
        source = Objects.requireNonNullElse(source, Optional.empty());
        kernels = List.copyOf(Objects.requireNonNullElse(kernels, List.of()));
        mappings = List.copyOf(Objects.requireNonNullElse(mappings, List.of()));
        imageTemplate = Objects.requireNonNullElse(imageTemplate, "");
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(buildArgs, Map.of())));
        dirName = dirName == null || dirName.isEmpty() ? DEFAULT_DIR_NAME : dirName;
        firmwarePath = Objects.requireNonNullElse(firmwarePath, "");
        firmwareDirectory = Objects.requireNonNullElse(firmwareDirectory, Optional.empty());
        modulesLoadingOrder = List.copyOf(Objects.requireNonNullElse(modulesLoadingOrder, List.of()));
        rawLoadArgs = List.copyOf(Objects.requireNonNullElse(rawLoadArgs, List.of()));
        rawUnloadArgs = List.copyOf(Objects.requireNonNullElse(rawUnloadArgs, List.of()));
        parameters = List.copyOf(Objects.requireNonNullElse(parameters, List.of()));
        selector = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(selector, Map.of())));
        imageRepoSecret = Objects.requireNonNullElse(imageRepoSecret, "");
        filesToSign = List.copyOf(Objects.requireNonNullElse(filesToSign, List.of()));
    }

    /**
     * The mappings KMM sees: the given ones, or one {@code regexp: ^.+$} mapping when none is given.
     *
     * @return the effective mappings
     */
    public List<KernelMapping> effectiveMappings() {
        return mappings.isEmpty() ? List.of(KernelMapping.regexp("^.+$", "")) : mappings;
    }

    /**
     * The files KMM signs: the given ones, or every {@code .ko} of the kernel (an Ash glob).
     *
     * @return the file globs
     */
    public List<String> effectiveFilesToSign() {
        return filesToSign.isEmpty() ? List.of(dirName + "/lib/modules/${KERNEL_FULL_VERSION}/*.ko") : filesToSign;
    }

    /**
     * The image of one kernel, as KMM computes it: the first matching mapping's {@code containerImage}
     * (or the default template), substituted with the normalized kernel's variables plus {@code MOD_NAME}
     * and {@code MOD_NAMESPACE}.
     *
     * @param kernel the kernel version
     * @return the image reference
     * @throws KmmException ({@link KmmException.Reason#INVALID}) when no mapping selects the kernel
     */
    public String imageFor(String kernel) {
        List<KernelMapping> ms = effectiveMappings();
        int idx = KernelMapping.firstMatch(ms, kernel).orElseThrow(() -> KmmException.invalid(List.of(
                new Problem("kernels", "no kernel mapping selects kernel " + kernel))));
        String template = ms.get(idx).containerImage().isEmpty() ? imageTemplate : ms.get(idx).containerImage();
        if (template.isEmpty()) {
            throw KmmException.invalid(List.of(new Problem(
                    "spec.moduleLoader.container.kernelMappings[" + idx + "].containerImage",
                    "no containerImage for kernel " + kernel + " and no default image")));
        }
        return KernelVersions.substitute(template, KernelVersions.imageVariables(kernel, name, namespace));
    }

    /**
     * The build arguments of one kernel: the user's, then KMM's injected {@code KERNEL_VERSION},
     * {@code KERNEL_FULL_VERSION} (both the raw kernel), {@code MOD_NAME} and {@code MOD_NAMESPACE}, which
     * override user arguments of the same name (kubernetes-sigs/kernel-module-management
     * {@code internal/buildsign/resource/common.go}).
     *
     * @param kernel the kernel version
     * @return the arguments in order
     */
    public Map<String, String> buildArgsFor(String kernel) {
        Map<String, String> args = new LinkedHashMap<>(buildArgs);
        args.put("KERNEL_VERSION", kernel);
        args.put("KERNEL_FULL_VERSION", kernel);
        args.put("MOD_NAME", name);
        args.put("MOD_NAMESPACE", namespace);
        return args;
    }

    /**
     * Every problem of this spec: KMM's admission rules on the Module it renders to, and the rules a local
     * build adds (every target kernel parses, is selected by a mapping and gets an image with a tag or digest).
     *
     * @return the problems, empty when valid
     */
    public List<Problem> validate() {
        List<Problem> problems = new ArrayList<>(AdmissionRules.validate(KmmResources.module(this)));
        for (int i = 0; i < kernels.size(); i++) {
            String k = kernels.get(i);
            String path = "kernels[" + i + "]";
            try {
                KernelVersions.variables(k);
                String image = imageFor(k);
                if (!image.contains(":") && !image.contains("@")) {
                    problems.add(new Problem(path, "image '" + image + "' has neither tag nor digest"));
                }
            } catch (KmmException e) {
                for (Problem p : e.problems()) {
                    problems.add(new Problem(path, p.message()));
                }
            }
        }
        source.ifPresent(s -> {
            if (s instanceof ModuleSource.Makefile m) {
                if (!java.nio.file.Files.isRegularFile(m.directory().resolve("Makefile"))
                        && !java.nio.file.Files.isRegularFile(m.directory().resolve("Kbuild"))) {
                    problems.add(new Problem("source", "no Makefile or Kbuild in " + m.directory()));
                }
            } else if (s instanceof ModuleSource.Dockerfile d && !java.nio.file.Files.isDirectory(d.context())) {
                problems.add(new Problem("source", "build context " + d.context() + " is not a directory"));
            }
        });
        firmwareDirectory.ifPresent(f -> {
            if (firmwarePath.isEmpty()) {
                problems.add(new Problem("spec.moduleLoader.container.modprobe.firmwarePath",
                        "firmware files given but no firmwarePath"));
            }
            if (!java.nio.file.Files.isDirectory(f)) {
                problems.add(new Problem("firmware", f + " is not a directory"));
            }
        });
        return problems;
    }
}
