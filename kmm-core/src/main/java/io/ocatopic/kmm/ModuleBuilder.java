package io.ocatopic.kmm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kmm.build.BuildResult;
import io.ocatopic.kmm.build.ContainerEngine;
import io.ocatopic.kmm.internal.KmmNames;
import io.ocatopic.kmm.internal.build.ModuleImageBuild;
import io.ocatopic.kmm.internal.build.RegistryClient;
import io.ocatopic.kmm.internal.resources.HubSpoke;
import io.ocatopic.kmm.internal.resources.InClusterBuild;
import io.ocatopic.kmm.internal.resources.KmmResources;
import io.ocatopic.kmm.internal.resources.ManagedClusterModule;
import io.ocatopic.kmm.sign.ModuleSigner;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.kube.internal.Mappers;
import io.ocatopic.kube.internal.acm.ManagedCluster;
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
 * admission and fails before any build starts, naming each offending field. The KMM objects it renders
 * ({@code Module}, {@code ManagedClusterModule}, {@code PreflightValidation}, the in-cluster build's
 * ConfigMap and Secrets) are returned as {@link HasMetadata}, ready for {@code io.ocatopic.kube.Applier}.
 *
 * <pre>{@code
 * ModuleSigner signer = ModuleSigner.of(SigningKeys.fromFiles(Path.of("signing_key.pem"), Path.of("signing_cert.pem")));
 * ModuleBuilder builder = ModuleBuilder.forModule("hello")
 *         .namespace("kmm-demo")
 *         .source(ModuleSource.makefile(Path.of("hello-module")))
 *         .kernels("6.1.0-54-amd64", "6.1.0-56-amd64")
 *         .image("127.0.0.1:5000/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}")
 *         .builderImage("registry.local:5000/kbuild:bookworm").baseImage("registry.local:5000/busybox:1.36")
 *         .signWith(signer);
 * ModuleSpec spec = builder.spec();          // validates as KMM's admission would; builds and pushes nothing
 * HasMetadata preview = builder.module();    // the Module that would be applied, to inspect or check first
 * try (ContainerEngine engine = ContainerEngine.connect(System.getenv("DOCKER_HOST"))) {
 *     // now images are built, signed and pushed, one per kernel
 *     BuildResult result = builder.build(engine, e -> System.out.println(e.subject() + " | " + e.message()));
 *     HasMetadata module = builder.moduleForImages(result.pinnedImages());   // one literal mapping per kernel
 *     Applier.auto(client).serverDryRun().apply(module);                     // the server checks it first
 *     Applier.auto(client).apply(module);
 * }
 * }</pre>
 *
 * <p>Builders are not thread-safe; the spec and results they produce are immutable.
 */
public final class ModuleBuilder {
    /** The ClusterClaim in which KMM's spoke agent reports the node kernels (newline-separated). */
    public static final String KERNEL_CLAIM = HubSpoke.KERNEL_CLAIM;

    /**
     * Signs one {@code .ko} file in place, on this machine (keys never enter an image); the SDK's
     * {@link ModuleSigner} is adapted to it by {@link #signWith(ModuleSigner)}.
     *
     * <pre>{@code
     * ModuleFileSigner signer = ko -> moduleSigner.signInPlace(ko);
     * }</pre>
     */
    @FunctionalInterface
    public interface ModuleFileSigner {
        /**
         * Signs the module file in place.
         *
         * @param module the {@code .ko} file
         * @throws KmmException when signing fails
         */
        void sign(Path module);
    }

    /**
     * Key material for KMM's in-cluster signing ({@link #inClusterBuild}). {@link #toString()} never shows it.
     *
     * @param privateKeyPem the private key, PEM
     * @param certificate   the certificate, DER or PEM
     */
    public record SigningMaterial(byte[] privateKeyPem, byte[] certificate) {
        /**
         * Copies both arrays.
         *
         * @param privateKeyPem the private key, PEM
         * @param certificate   the certificate
         */
        public SigningMaterial {
            privateKeyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem").clone();
            certificate = Objects.requireNonNull(certificate, "certificate").clone();
        }

        /**
         * Returns a copy of the private key, PEM-encoded.
         *
         * @return a copy of the private key
         */
        @Override
        public byte[] privateKeyPem() {
            return privateKeyPem.clone();
        }

        /**
         * Returns a copy of the certificate.
         *
         * @return a copy of the certificate
         */
        @Override
        public byte[] certificate() {
            return certificate.clone();
        }

        /**
         * Returns the sizes of the material, never the key.
         *
         * @return the sizes only, never the key
         */
        @Override
        public String toString() {
            return "SigningMaterial[privateKeyPem=<redacted>, certificate=" + certificate.length + " bytes]";
        }
    }

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
     * object (and every object named after it, and {@code ${MOD_NAME}}) is named derived from it (lower
     * case, {@code _} turned into {@code -}): {@code mlx5_core} gives the Module {@code mlx5-core}.
     * A name that is still no DNS-1123 subdomain is rejected by {@link #spec()} at {@code metadata.name}.
     *
     * @param name the kernel module's name, e.g. {@code ocatopic_hello}
     * @return the builder
     */
    public static ModuleBuilder forModule(String name) {
        return new ModuleBuilder(name);
    }

    /**
     * Sets the namespace of the Module.
     *
     * @param ns the Module namespace ({@code default} unless set)
     * @return this builder
     */
    public ModuleBuilder namespace(String ns) {
        this.namespace = ns;
        return this;
    }

    /**
     * Sets the name modprobe loads.
     *
     * @param name the name modprobe loads (the name given to {@link #forModule} unless set); empty when raw
     *             arguments are used. It does not rename the Module object.
     * @return this builder
     */
    public ModuleBuilder moduleName(String name) {
        this.moduleName = name;
        return this;
    }

    /**
     * Sets where the module's sources come from.
     *
     * @param src the module source
     * @return this builder
     */
    public ModuleBuilder source(ModuleSource src) {
        this.source = src;
        return this;
    }

    /**
     * Adds target kernels, in order.
     *
     * @param versions target kernels, added in order
     * @return this builder
     */
    public ModuleBuilder kernels(String... versions) {
        return kernels(Arrays.asList(versions));
    }

    /**
     * Adds target kernels, in order.
     *
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
     * Adds every kernel the selected spokes claim in their ClusterClaim {@value #KERNEL_CLAIM}.
     *
     * @param clusters      the hub's ManagedClusters ({@code cluster.open-cluster-management.io/v1}), typed or
     *                      generic as read from the hub
     * @param spokeSelector labels the clusters must carry (empty: all)
     * @return this builder
     * @throws KmmException ({@link KmmException.Reason#INVALID}) when an object is not a ManagedCluster
     */
    public ModuleBuilder kernelsFromSpokes(Collection<? extends HasMetadata> clusters, Map<String, String> spokeSelector) {
        return kernels(HubSpoke.kernelsOf(managedClusters(clusters), spokeSelector));
    }

    /**
     * Appends a kernel mapping (the first match wins).
     *
     * @param mapping a kernel mapping, appended (first match wins)
     * @return this builder
     */
    public ModuleBuilder mapping(KernelMapping mapping) {
        mappings.add(mapping);
        return this;
    }

    /**
     * Adds a build argument.
     *
     * @param nameArg a build argument name
     * @param value its value
     * @return this builder
     */
    public ModuleBuilder buildArg(String nameArg, String value) {
        buildArgs.put(nameArg, value);
        return this;
    }

    /**
     * Sets the default image template.
     *
     * @param template the default image template, e.g. {@code reg/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}}
     * @return this builder
     */
    public ModuleBuilder image(String template) {
        this.imageTemplate = template;
        return this;
    }

    /**
     * Sets KMM's {@code dirName}, the directory the module files are in.
     *
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
     * Sets the modules' load order.
     *
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
     * Sets the module parameters.
     *
     * @param params module parameters
     * @return this builder
     */
    public ModuleBuilder parameters(String... params) {
        parameters.addAll(Arrays.asList(params));
        return this;
    }

    /**
     * Adds a node label the Module selects nodes by.
     *
     * @param key node label key
     * @param value its value
     * @return this builder
     */
    public ModuleBuilder selector(String key, String value) {
        selector.put(key, value);
        return this;
    }

    /**
     * Sets the name of the image pull/push Secret.
     *
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
     * Sets KMM's {@code filesToSign} for in-cluster signing.
     *
     * @param files KMM's {@code filesToSign} for in-cluster signing
     * @return this builder
     */
    public ModuleBuilder filesToSign(String... files) {
        filesToSign.addAll(Arrays.asList(files));
        return this;
    }

    /**
     * Sets the builder image (gcc, make, kmod, headers per kernel).
     *
     * @param image the builder image (gcc, make, kmod, headers per kernel)
     * @return this builder
     */
    public ModuleBuilder builderImage(String image) {
        this.builderImage = image;
        return this;
    }

    /**
     * Sets the base image of the final image.
     *
     * @param image the final image's base ({@code sh}, {@code mkdir}, {@code cp})
     * @return this builder
     */
    public ModuleBuilder baseImage(String image) {
        this.baseImage = image;
        return this;
    }

    /**
     * Sets whether images are pushed over plain HTTP (local registries).
     *
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
     * The Module for this description (mappings as given, default image template, no build or sign).
     *
     * @return the Module ({@code kmm.sigs.x-k8s.io/v1beta1})
     * @throws KmmException ({@link KmmException.Reason#INVALID}) as {@link #spec()}
     */
    public HasMetadata module() {
        return KmmResources.module(spec());
    }

    /**
     * The Module for images already built: one {@code literal} mapping per kernel, each to its image
     * (typically {@link BuildResult#pinnedImages()}), no default image, no build or sign.
     *
     * @param images kernel to image reference, in order
     * @return the Module
     * @throws KmmException ({@link KmmException.Reason#INVALID}) as {@link #spec()}
     */
    public HasMetadata moduleForImages(Map<String, String> images) {
        return KmmResources.moduleForImages(spec(), images);
    }

    /**
     * A ManagedClusterModule named like the Module, whose {@code moduleSpec} is {@link #module()}'s spec.
     *
     * @param spokeNamespace the namespace of the Module on each spoke
     * @param spokeSelector  labels on the ManagedCluster objects of the spokes
     * @return the ManagedClusterModule ({@code hub.kmm.sigs.x-k8s.io/v1beta1})
     * @throws KmmException ({@link KmmException.Reason#INVALID}) as {@link #spec()}
     */
    public HasMetadata managedClusterModule(String spokeNamespace, Map<String, String> spokeSelector) {
        return KmmResources.managedClusterModule(spec(), spokeNamespace, spokeSelector);
    }

    /**
     * Hub and spoke: the Module each selected spoke receives for {@link #managedClusterModule}, as KMM's hub
     * renders it: no build or sign, one {@code literal} mapping per kernel the spoke claims in
     * {@value #KERNEL_CLAIM}. Behind a mirror, images are moved to the mirror registry and must be pinned to
     * their digest (mirror rules apply only to digest references).
     *
     * @param spokeNamespace the namespace of the Module on each spoke
     * @param spokeSelector  labels on the ManagedCluster objects of the spokes
     * @param clusters       the hub's ManagedClusters, typed or generic
     * @param images         kernel to the digest-pinned image the hub pushed ({@code registry/repo@sha256:...})
     * @param mirror         the mirror registry (host[:port]) the spokes pull from, empty to keep the hub registry
     * @return spoke name to its Module, in cluster order
     * @throws KmmException ({@link KmmException.Reason#INVALID}) naming each spoke kernel without an image, or
     *                      an image without digest when a mirror is used
     */
    public Map<String, HasMetadata> spokeModules(String spokeNamespace, Map<String, String> spokeSelector,
                                                 Collection<? extends HasMetadata> clusters, Map<String, String> images,
                                                 Optional<String> mirror) {
        ManagedClusterModule mcm = KmmResources.managedClusterModule(spec(), spokeNamespace, spokeSelector);
        return new LinkedHashMap<>(HubSpoke.spokeModules(mcm, managedClusters(clusters), images, mirror));
    }

    /**
     * A PreflightValidation for an upcoming kernel; its name is derived from the kernel ({@code preflight-}
     * and the kernel in lower case, every character but letters, digits and {@code -} turned into {@code -}).
     *
     * @param kernel         the kernel of the upgrade
     * @param pushBuiltImage whether KMM pushes what it builds
     * @return the PreflightValidation ({@code kmm.sigs.x-k8s.io/v1beta2})
     * @throws KmmException ({@link KmmException.Reason#INVALID}) at {@code spec.kernelVersion} when the kernel
     *                      is blank, at {@code metadata.name} when the derived name is no DNS-1123 subdomain
     */
    public static HasMetadata preflight(String kernel, boolean pushBuiltImage) {
        return KmmResources.preflight(kernel, pushBuiltImage);
    }

    /**
     * The Dockerfile a Makefile source is built with in the cluster: compile against the node kernel's
     * headers, install under {@code dirName/lib/modules/$KERNEL_FULL_VERSION}, run depmod, and copy the
     * result into a small final image.
     *
     * @param builderImageRef an image with gcc, make, kmod and the kernel headers
     * @param baseImageRef    the final image's base (must provide {@code sh}, {@code mkdir} and {@code cp})
     * @return the Dockerfile text
     * @throws KmmException ({@link KmmException.Reason#INVALID}) as {@link #spec()}
     */
    public String makefileDockerfile(String builderImageRef, String baseImageRef) {
        return InClusterBuild.makefileDockerfile(spec(), builderImageRef, baseImageRef);
    }

    /**
     * Everything KMM needs to build (and, with material, sign) in the cluster, in apply order: the
     * Dockerfile ConfigMap ({@code <name>-dockerfile}, key {@code dockerfile}), the key and cert Secrets
     * ({@code <name>-signing-key} / {@code -cert}, keys {@code key} and {@code cert}), then the Module with
     * its {@code build} and {@code sign} sections; the image template is where KMM pushes.
     *
     * @param dockerfile the Dockerfile text (see {@link #makefileDockerfile})
     * @param signing    signing material, empty for an unsigned build
     * @return the objects
     * @throws KmmException ({@link KmmException.Reason#INVALID}) as {@link #spec()}
     */
    public List<HasMetadata> inClusterBuild(String dockerfile, Optional<SigningMaterial> signing) {
        return InClusterBuild.render(spec(), dockerfile, signing);
    }

    private static List<ManagedCluster> managedClusters(Collection<? extends HasMetadata> clusters) {
        List<ManagedCluster> out = new ArrayList<>();
        for (HasMetadata o : clusters) {
            if (o instanceof ManagedCluster mc) {
                out.add(mc);
            } else {
                try {
                    com.fasterxml.jackson.databind.JsonNode tree = Mappers.json().valueToTree(o);
                    ManagedCluster mc = Mappers.json().readerFor(ManagedCluster.class)
                            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(tree);
                    out.add(mc);
                } catch (java.io.IOException | IllegalArgumentException e) {
                    throw KmmException.invalid(List.of(new Problem("clusters",
                            o.getKind() + " " + o.getMetadata().getName() + " is not a ManagedCluster: " + e.getMessage())));
                }
            }
        }
        return out;
    }

    /**
     * Builds, signs and pushes one image per kernel. Validation runs first, so an invalid description
     * fails before the engine is touched.
     *
     * @param engine   the container engine ({@link ContainerEngine#connect})
     * @param listener receives the build output: {@link ProgressEvent.Kind#OUTPUT} events, step {@code build},
     *                 subject the kernel, message one output line
     * @return the images by digest
     * @throws KmmException {@code INVALID} before building; {@code BUILD_FAILED} with the compiler's error
     *                      lines; {@code ENGINE}, {@code REGISTRY}, {@code INTERRUPTED} or a signing reason
     */
    public BuildResult build(ContainerEngine engine, ProgressEvent.Listener listener) {
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
