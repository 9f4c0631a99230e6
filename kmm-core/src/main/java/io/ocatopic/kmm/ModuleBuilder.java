package io.ocatopic.kmm;

import io.ocatopic.kube.Problem;

import io.ocatopic.kmm.build.BuildListener;
import io.ocatopic.kmm.build.BuildResult;
import io.ocatopic.kmm.build.ContainerEngine;
import io.ocatopic.kmm.build.ModuleFileSigner;
import io.ocatopic.kmm.build.ModuleImageBuild;
import io.ocatopic.kmm.build.RegistryClient;
import io.ocatopic.kmm.resources.HubSpoke;
import io.ocatopic.kmm.resources.KmmResources;
import io.ocatopic.kmm.resources.Module;
import io.ocatopic.kmm.sign.ModuleSigner;
import io.ocatopic.kube.acm.ManagedCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point of kmm-core: describe an out-of-tree kernel module once, then build, sign and push its
 * kmod image for every target kernel, and render the KMM resources that load it. Validation replicates KMM's
 * admission ({@link AdmissionRules}) and fails before any build starts, naming each offending field.
 *
 * <pre>{@code
 * ModuleSigner signer = ModuleSigner.of(SigningKeys.fromFiles(Path.of("signing_key.pem"), Path.of("signing_cert.pem")));
 * try (DockerApiEngine engine = DockerApiEngine.connect(System.getenv("DOCKER_HOST"))) {
 *     BuildResult result = ModuleBuilder.forModule("hello")
 *             .namespace("kmm-demo")
 *             .source(ModuleSource.makefile(Path.of("hello-module")))
 *             .kernels("6.1.0-54-amd64", "6.1.0-56-amd64")
 *             .image("127.0.0.1:5000/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}")
 *             .builderImage(builder).baseImage(busybox)
 *             .signWith(signer)
 *             .build(engine, (kernel, line) -> System.out.println(kernel + " | " + line));
 *     Module module = KmmResources.moduleForImages(builder.spec(), result.pinnedImages());
 * }
 * }</pre>
 *
 * <p>Builders are not thread-safe; the spec and results they produce are immutable.
 */
public final class ModuleBuilder {
    private final String name;
    private String namespace = "default";
    private String moduleName;
    private ModuleSource source;
    private final List<String> kernels = new ArrayList<>();
    private final List<KernelMapping> mappings = new ArrayList<>();
    private String imageTemplate = "";
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private String dirName = ModuleSpec.DEFAULT_DIR_NAME;
    private String firmwarePath = "";
    private Path firmwareDirectory;
    private final List<String> loadOrder = new ArrayList<>();
    private final List<String> rawLoad = new ArrayList<>();
    private final List<String> rawUnload = new ArrayList<>();
    private final List<String> parameters = new ArrayList<>();
    private final Map<String, String> selector = new LinkedHashMap<>();
    private String imageRepoSecret = "";
    private ModuleFileSigner signer;
    private final List<String> filesToSign = new ArrayList<>();
    private String builderImage;
    private String baseImage;
    private boolean insecureRegistry;

    private ModuleBuilder(String name) {
        this.moduleName = Objects.requireNonNull(name, "name");
        this.name = KmmNames.objectName(name);
    }

    /**
     * Starts describing a kernel module. Its name is what modprobe loads ({@code moduleName}); the Module
     * object (and every object named after it, and {@code ${MOD_NAME}}) is named
     * {@link KmmNames#objectName derived} from it: {@code mlx5_core} gives the Module {@code mlx5-core}.
     * A name that is still no DNS-1123 subdomain is rejected by {@link #spec()} at {@code metadata.name}.
     *
     * @param name the kernel module's name, e.g. {@code ocatopic_hello}
     * @return the builder
     */
    public static ModuleBuilder forModule(String name) {
        return new ModuleBuilder(name);
    }

    /**
     * @param ns the Module namespace ({@code default} unless set)
     * @return this builder
     */
    public ModuleBuilder namespace(String ns) {
        this.namespace = ns;
        return this;
    }

    /**
     * @param name the name modprobe loads (the name given to {@link #forModule} unless set); empty when raw
     *             arguments are used. It does not rename the Module object.
     * @return this builder
     */
    public ModuleBuilder moduleName(String name) {
        this.moduleName = name;
        return this;
    }

    /**
     * @param src the module source
     * @return this builder
     */
    public ModuleBuilder source(ModuleSource src) {
        this.source = src;
        return this;
    }

    /**
     * @param versions target kernels, added in order
     * @return this builder
     */
    public ModuleBuilder kernels(String... versions) {
        return kernels(Arrays.asList(versions));
    }

    /**
     * @param versions target kernels, added in order
     * @return this builder
     */
    public ModuleBuilder kernels(Collection<String> versions) {
        for (String k : versions) {
            if (!kernels.contains(k)) {
                kernels.add(k);
            }
        }
        return this;
    }

    /**
     * Adds every kernel the selected spokes claim in their ClusterClaim
     * {@value io.ocatopic.kmm.resources.HubSpoke#KERNEL_CLAIM}.
     *
     * @param clusters     the ManagedClusters
     * @param spokeSelector labels the clusters must carry (empty: all)
     * @return this builder
     */
    public ModuleBuilder kernelsFromSpokes(Collection<ManagedCluster> clusters, Map<String, String> spokeSelector) {
        return kernels(HubSpoke.kernelsOf(clusters, spokeSelector));
    }

    /**
     * @param mapping a kernel mapping, appended (first match wins)
     * @return this builder
     */
    public ModuleBuilder mapping(KernelMapping mapping) {
        mappings.add(mapping);
        return this;
    }

    /**
     * @param nameArg a build argument name
     * @param value its value
     * @return this builder
     */
    public ModuleBuilder buildArg(String nameArg, String value) {
        buildArgs.put(nameArg, value);
        return this;
    }

    /**
     * @param template the default image template, e.g. {@code reg/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}}
     * @return this builder
     */
    public ModuleBuilder image(String template) {
        this.imageTemplate = template;
        return this;
    }

    /**
     * @param dir KMM's {@code dirName} ({@code /opt} unless set)
     * @return this builder
     */
    public ModuleBuilder dirName(String dir) {
        this.dirName = dir;
        return this;
    }

    /**
     * Firmware shipped in the image.
     *
     * @param localDirectory the files to ship
     * @param pathInImage    KMM's {@code firmwarePath}, for example {@code /firmware}
     * @return this builder
     */
    public ModuleBuilder firmware(Path localDirectory, String pathInImage) {
        this.firmwareDirectory = localDirectory;
        this.firmwarePath = pathInImage;
        return this;
    }

    /**
     * @param modules the load order; the first must be the module name
     * @return this builder
     */
    public ModuleBuilder loadOrder(String... modules) {
        loadOrder.clear();
        loadOrder.addAll(Arrays.asList(modules));
        return this;
    }

    /**
     * Raw modprobe arguments instead of a module name (KMM forbids both).
     *
     * @param load   load arguments
     * @param unload unload arguments
     * @return this builder
     */
    public ModuleBuilder rawArgs(List<String> load, List<String> unload) {
        rawLoad.clear();
        rawLoad.addAll(load);
        rawUnload.clear();
        rawUnload.addAll(unload);
        return this;
    }

    /**
     * @param params module parameters
     * @return this builder
     */
    public ModuleBuilder parameters(String... params) {
        parameters.addAll(Arrays.asList(params));
        return this;
    }

    /**
     * @param key node label key
     * @param value its value
     * @return this builder
     */
    public ModuleBuilder selector(String key, String value) {
        selector.put(key, value);
        return this;
    }

    /**
     * @param secret the image pull/push Secret name
     * @return this builder
     */
    public ModuleBuilder imageRepoSecret(String secret) {
        this.imageRepoSecret = secret;
        return this;
    }

    /**
     * Signs every {@code .ko} with the SDK's signer (file keys or an HSM), on this machine.
     *
     * @param moduleSigner the signer
     * @return this builder
     */
    public ModuleBuilder signWith(ModuleSigner moduleSigner) {
        Objects.requireNonNull(moduleSigner, "moduleSigner");
        return signWith(moduleSigner::signInPlace);
    }

    /**
     * Signs every {@code .ko} with any in-place signer.
     *
     * @param fileSigner the signer
     * @return this builder
     */
    public ModuleBuilder signWith(ModuleFileSigner fileSigner) {
        this.signer = Objects.requireNonNull(fileSigner, "fileSigner");
        return this;
    }

    /**
     * @param files KMM's {@code filesToSign} for in-cluster signing
     * @return this builder
     */
    public ModuleBuilder filesToSign(String... files) {
        filesToSign.addAll(Arrays.asList(files));
        return this;
    }

    /**
     * @param image the builder image (gcc, make, kmod, headers per kernel)
     * @return this builder
     */
    public ModuleBuilder builderImage(String image) {
        this.builderImage = image;
        return this;
    }

    /**
     * @param image the final image's base ({@code sh}, {@code mkdir}, {@code cp})
     * @return this builder
     */
    public ModuleBuilder baseImage(String image) {
        this.baseImage = image;
        return this;
    }

    /**
     * @param insecure push over plain HTTP (local registries)
     * @return this builder
     */
    public ModuleBuilder insecureRegistry(boolean insecure) {
        this.insecureRegistry = insecure;
        return this;
    }

    /**
     * The validated spec.
     *
     * @return the spec
     * @throws KmmException ({@link KmmException.Reason#INVALID}) listing every problem with its field path
     */
    public ModuleSpec spec() {
        ModuleSpec spec = new ModuleSpec(name, namespace, rawLoad.isEmpty() && rawUnload.isEmpty() ? moduleName : "",
                Optional.ofNullable(source), kernels, mappings, imageTemplate, buildArgs, dirName, firmwarePath,
                Optional.ofNullable(firmwareDirectory), loadOrder, rawLoad, rawUnload, parameters, selector,
                imageRepoSecret, signer != null, filesToSign);
        List<Problem> problems = spec.validate();
        if (!problems.isEmpty()) {
            throw KmmException.invalid(problems);
        }
        return spec;
    }

    /**
     * The Module for this description (mappings as given, default image template).
     *
     * @return the Module
     */
    public Module module() {
        return KmmResources.module(spec());
    }

    /**
     * Builds, signs and pushes one image per kernel. Validation runs first, so an invalid description
     * fails before the engine is touched.
     *
     * @param engine   the container engine
     * @param listener receives the build output
     * @return the images by digest
     * @throws KmmException {@code INVALID} before building; {@code BUILD_FAILED} with the compiler's error
     *                      lines; {@code ENGINE}, {@code REGISTRY}, {@code INTERRUPTED} or a signing reason
     */
    public BuildResult build(ContainerEngine engine, BuildListener listener) {
        ModuleSpec spec = spec();
        List<Problem> problems = new ArrayList<>();
        if (source == null) {
            problems.add(new Problem("source", "a local build needs a module source"));
        }
        if (kernels.isEmpty()) {
            problems.add(new Problem("kernels", "a local build needs at least one kernel"));
        }
        if (builderImage == null || builderImage.isEmpty()) {
            problems.add(new Problem("builderImage", "a local build needs a builder image"));
        }
        if (baseImage == null || baseImage.isEmpty()) {
            problems.add(new Problem("baseImage", "a local build needs a base image"));
        }
        if (!problems.isEmpty()) {
            throw KmmException.invalid(problems);
        }
        return new ModuleImageBuild(spec, engine, insecureRegistry ? RegistryClient.insecure() : RegistryClient.secure(),
                new ModuleImageBuild.Images(builderImage, baseImage), Optional.ofNullable(signer)).run(listener);
    }
}
