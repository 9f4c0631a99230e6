package io.ocatopic.kmm.internal.build;

import io.ocatopic.core.Problem;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.ModuleBuilder.ModuleFileSigner;
import io.ocatopic.kmm.ModuleSource;
import io.ocatopic.kmm.ModuleSpec;
import io.ocatopic.kmm.build.BuildResult;
import io.ocatopic.kmm.build.BuildResult.KernelImage;
import io.ocatopic.kmm.build.ContainerEngine;
import io.ocatopic.kmm.internal.KernelVersions;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.kube.internal.oci.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local build pipeline (the act layer behind {@code ModuleBuilder.build}). Per kernel: compile in a
 * builder stage, copy the unsigned {@code .ko} files out, sign them here with the SDK's signer (keys never
 * enter an image), build the final image (depmod output, busybox base), push it, and record its digest.
 *
 * <pre>{@code
 * BuildResult r = new ModuleImageBuild(spec, engine, RegistryClient.insecure(), images, Optional.of(signer))
 *         .run(ProgressEvent.Listener.NONE);
 * }</pre>
 */
public final class ModuleImageBuild {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleImageBuild.class);

    /**
     * The images a build runs on.
     *
     * @param builderImage an image with gcc, make, kmod and {@code /usr/src/linux-headers-<kernel>} per kernel
     * @param baseImage    the final image's base with {@code sh}, {@code mkdir} and {@code cp}
     */
    public record Images(String builderImage, String baseImage) {
        /**
         * Checks both are given.
         *
         * @param builderImage the builder
         * @param baseImage    the base
         */
        public Images {
            Objects.requireNonNull(builderImage, "builderImage");
            Objects.requireNonNull(baseImage, "baseImage");
        }
    }

    private final ModuleSpec spec;
    private final ContainerEngine engine;
    private final RegistryClient registry;
    private final Images images;
    private final Optional<ModuleFileSigner> signer;

    /**
     * Creates the pipeline.
     *
     * @param spec     a validated spec with a source and kernels
     * @param engine   the container engine
     * @param registry the registry client the images are pushed with
     * @param images   the builder and base images
     * @param signer   signs each {@code .ko}; empty for unsigned modules
     */
    public ModuleImageBuild(ModuleSpec spec, ContainerEngine engine, RegistryClient registry, Images images,
                            Optional<ModuleFileSigner> signer) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.images = Objects.requireNonNull(images, "images");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * Builds, signs and pushes every kernel's image, in the spec's kernel order.
     *
     * @param listener receives build output per kernel ({@code OUTPUT} events, step {@code build}, subject the kernel)
     * @return the pushed images by digest
     * @throws KmmException {@code BUILD_FAILED} (with the compiler's error lines), {@code ENGINE},
     *                      {@code REGISTRY}, {@code INTERRUPTED}, or a signing reason
     */
    public BuildResult run(ProgressEvent.Listener listener) {
        ModuleSource source = spec.source().orElseThrow(() -> KmmException.invalid(List.of(
                new Problem("source", "a local build needs a module source"))));
        if (spec.kernels().isEmpty()) {
            throw KmmException.invalid(List.of(new Problem("kernels", "a local build needs at least one kernel")));
        }
        long t0 = System.nanoTime();
        Path work = null;
        try {
            work = Files.createTempDirectory("ocatopic-kmm-");
            Path stageCtx = prepareStageContext(source, work.resolve("stage"));
            String stageDockerfile = source instanceof ModuleSource.Dockerfile ? "Dockerfile.ocatopic" : "Dockerfile";
            List<KernelImage> out = new ArrayList<>();
            for (String kernel : spec.kernels()) {
                checkInterrupted();
                out.add(buildKernel(kernel, stageCtx, stageDockerfile, work.resolve("k-" + KernelVersions.normalize(kernel)), listener));
            }
            return new BuildResult(out, Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new KmmException(KmmException.Reason.IO, "module build failed: " + e.getMessage(), e);
        } finally {
            if (work != null) {
                try {
                    Tars.deleteRecursively(work);
                } catch (IOException e) {
                    LOG.warn("cannot remove build directory {}: {}", work, e.toString());
                }
            }
        }
    }

    private Path prepareStageContext(ModuleSource source, Path ctx) throws IOException {
        Files.createDirectories(ctx);
        if (source instanceof ModuleSource.Makefile m) {
            copyTree(m.directory(), ctx.resolve("src"));
            List<String> args = new ArrayList<>(spec.buildArgsFor(spec.kernels().get(0)).keySet());
            Files.writeString(ctx.resolve("Dockerfile"), BuildDockerfiles.compile(images.builderImage(), spec.dirName(), args));
        } else if (source instanceof ModuleSource.Dockerfile d) {
            copyTree(d.context(), ctx);
            Files.writeString(ctx.resolve("Dockerfile.ocatopic"), d.dockerfile(), StandardCharsets.UTF_8);
        }
        return ctx;
    }

    private KernelImage buildKernel(String kernel, Path stageCtx, String stageDockerfile, Path dir, ProgressEvent.Listener listener)
            throws IOException {
        long t0 = System.nanoTime();
        String norm = KernelVersions.normalize(kernel);
        ImageReference target = imageReference(spec.imageFor(kernel));
        output(listener, kernel, "ocatopic: compiling " + spec.name() + " for " + kernel);
        String stage = engine.build(stageCtx, stageDockerfile, spec.buildArgsFor(kernel),
                BuildDockerfiles.stageTag(spec.name(), norm), line -> output(listener, kernel, line));
        checkInterrupted();
        Path modules = dir.resolve("modules");
        Files.createDirectories(modules);
        // copying a directory out yields a tar whose top entry is the directory itself: <kernel>/...
        engine.copyOut(stage, spec.dirName() + "/lib/modules/" + kernel, modules);
        List<Path> kos;
        try (Stream<Path> s = Files.walk(modules.resolve(kernel))) {
            kos = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".ko")).sorted().toList();
        }
        if (kos.isEmpty()) {
            throw new KmmException(KmmException.Reason.BUILD_FAILED, "the build for " + kernel + " produced no .ko file under "
                    + spec.dirName() + "/lib/modules/" + kernel);
        }
        if (signer.isPresent()) {
            for (Path ko : kos) {
                checkInterrupted();
                signer.get().sign(ko);
                output(listener, kernel, "ocatopic: signed " + modules.resolve(kernel).relativize(ko));
            }
        }
        if (spec.firmwareDirectory().isPresent()) {
            copyTree(spec.firmwareDirectory().get(), dir.resolve("firmware"));
        }
        Files.writeString(dir.resolve("Dockerfile"), BuildDockerfiles.finalImage(images.builderImage(), images.baseImage(),
                spec.dirName(), kernel, spec.firmwareDirectory().isPresent() ? spec.firmwarePath() : ""));
        output(listener, kernel, "ocatopic: building image " + target);
        String localTag = "localhost/ocatopic-kmm/" + spec.name() + ":" + norm;
        engine.build(dir, "Dockerfile", Map.of(), localTag, line -> output(listener, kernel, line));
        checkInterrupted();
        output(listener, kernel, "ocatopic: pushing " + target);
        String digest = registry.push(engine.save(localTag), target);
        output(listener, kernel, "ocatopic: pushed " + target.withDigest(digest));
        List<String> names = kos.stream().map(p -> modules.resolve(kernel).relativize(p).toString()).toList();
        return new KernelImage(kernel, target.toString(), digest, names, Duration.ofNanos(System.nanoTime() - t0));
    }

    private static ImageReference imageReference(String image) {
        try {
            return ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw new KmmException(KmmException.Reason.INVALID, "invalid image reference '" + image + "': " + e.getMessage(), e);
        }
    }

    private static void output(ProgressEvent.Listener listener, String kernel, String line) {
        listener.on(ProgressEvent.of(ProgressEvent.Kind.OUTPUT, "build", kernel, line));
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new KmmException(KmmException.Reason.INTERRUPTED, "module build interrupted");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (Files.isRegularFile(p)) {
                    Files.createDirectories(t.getParent());
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
