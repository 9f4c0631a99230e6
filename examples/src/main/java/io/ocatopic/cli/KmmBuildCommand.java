package io.ocatopic.cli;

import io.ocatopic.kube.internal.AtomicFiles;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.ModuleBuilder;
import io.ocatopic.kmm.ModuleSource;
import io.ocatopic.kmm.build.BuildResult;
import io.ocatopic.kmm.build.BuildResult.KernelImage;
import io.ocatopic.kmm.build.ContainerEngine;
import io.ocatopic.kmm.sign.ModuleSigner;
import io.ocatopic.kmm.sign.SigningKeys;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.kube.Manifests;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic kmm build}: builds, signs and pushes a kmod image per kernel and prints each by digest;
 * optionally writes the digest-pinned Module YAML.
 */
@Command(name = "build",
        mixinStandardHelpOptions = true,
        description = "Build a kernel module for each kernel, sign it, push one kmod image per kernel, print digests.")
public final class KmmBuildCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true,
            description = "Kernel module name, as modprobe loads it (e.g. ocatopic_hello); the Module is named after it"
                    + " in lower case with '_' turned into '-' (ocatopic-hello), which is also $${MOD_NAME}.")
    String name;

    @Option(names = "--namespace", defaultValue = "default", description = "Module namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--source", required = true, description = "Directory with the module's kbuild Makefile.")
    Path source;

    @Option(names = "--kernel", required = true, split = ",", description = "Target kernel(s), repeatable or comma-separated.")
    List<String> kernels;

    @Option(names = "--image", required = true,
            description = "Image template, e.g. 127.0.0.1:5000/kmm/$${MOD_NAME}:$${KERNEL_FULL_VERSION}.")
    String image;

    @Option(names = "--builder-image", required = true, description = "Image with gcc, make, kmod and the kernels' headers.")
    String builderImage;

    @Option(names = "--base-image", required = true, description = "Final image base with sh, mkdir and cp.")
    String baseImage;

    @Option(names = "--key", description = "Signing private key (PEM). Without it the modules stay unsigned.")
    Path key;

    @Option(names = "--cert", description = "Signing certificate (PEM or DER).")
    Path cert;

    @Option(names = "--docker-host", description = "Docker API (default: $DOCKER_HOST or unix:///var/run/docker.sock).")
    String dockerHost;

    @Option(names = "--insecure-registry", description = "Push over plain HTTP.")
    boolean insecure;

    @Option(names = "--module-yaml", description = "Write the digest-pinned Module to this file.")
    Path moduleYaml;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModuleBuilder mb = ModuleBuilder.forModule(name).namespace(namespace).source(ModuleSource.makefile(source))
                .kernels(kernels).image(image).builderImage(builderImage).baseImage(baseImage).insecureRegistry(insecure);
        if (key != null || cert != null) {
            if (key == null || cert == null) {
                err.println("--key and --cert go together");
                return 2;
            }
            mb.signWith(ModuleSigner.of(SigningKeys.fromFiles(key, cert)));
        }
        String host = dockerHost != null ? dockerHost
                : System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        try (ContainerEngine engine = ContainerEngine.connect(host)) {
            BuildResult r = mb.build(engine, e -> {
                if (e.kind() == ProgressEvent.Kind.OUTPUT) {
                    err.println(e.subject() + " | " + e.message());
                    err.flush();
                }
            });
            for (KernelImage i : r.images()) {
                out.printf("%-24s %s  (%d module(s), %d ms)%n", i.kernel(), i.pinned(), i.modules().size(), i.duration().toMillis());
            }
            if (moduleYaml != null) {
                AtomicFiles.write(moduleYaml, Manifests.yaml(mb.moduleForImages(r.pinnedImages())));
                out.println("wrote " + moduleYaml);
            }
            out.flush();
            return 0;
        } catch (KmmException e) {
            err.println("ocatopic kmm build: " + e.reason() + ": " + e.getMessage());
            return e.outcome().exitCode();
        }
    }
}
