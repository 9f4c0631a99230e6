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
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic kmm build}: builds, signs and pushes a kmod image per kernel and prints each by digest;
 * optionally writes the digest-pinned Module YAML. The container engine is checked first: when nothing answers
 * at its URL the command fails in seconds (exit 3) with one line naming the URL and where it came from.
 */
@Command(name = "build",
        mixinStandardHelpOptions = true,
        description = "Build a kernel module for each kernel, sign it, push one kmod image per kernel, print digests.",
        footer = {"%nExamples:",
                "  ocatopic kmm build --name ocatopic_hello --source hello/ --kernel 6.1.0-54-amd64"
                        + " --image 127.0.0.1:5000/kmm/$${MOD_NAME}:$${KERNEL_FULL_VERSION} --builder-image kbuild:6.1"
                        + " --base-image busybox:1.36 --insecure-registry",
                "  ocatopic kmm build ... --key signing_key.pem --cert signing_key.x509 --module-yaml module.yaml",
                "  ocatopic kmm build ... --engine unix:///run/podman/podman.sock -o json"})
public final class KmmBuildCommand implements Callable<Integer> {
    /** The Docker API used when neither {@code --engine} nor {@code DOCKER_HOST} names one. */
    static final String DEFAULT_ENGINE = "unix:///var/run/docker.sock";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOption output;

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

    @Option(names = {"--engine", "--docker-host"}, paramLabel = "URL",
            description = "Docker API of the container engine (default: $DOCKER_HOST, else " + DEFAULT_ENGINE + ").")
    String engine;

    @Option(names = "--insecure-registry", description = "Push over plain HTTP.")
    boolean insecure;

    @Option(names = "--module-yaml", paramLabel = "FILE", description = "Write the digest-pinned Module to this file.")
    Path moduleYaml;

    /**
     * The result of a build, printed by {@code -o yaml|json}.
     *
     * @param module     the Module's name
     * @param namespace  its namespace
     * @param images     one image per kernel
     * @param moduleYaml the Module file written, or null
     */
    record Built(String module, String namespace, List<Image> images, String moduleYaml) {
    }

    /**
     * One kernel's image.
     *
     * @param kernel     the kernel version
     * @param image      the image as tagged
     * @param digest     its manifest digest
     * @param pinned     the image by digest
     * @param modules    the module files in it
     * @param durationMs how long its build took
     */
    record Image(String kernel, String image, String digest, String pinned, List<String> modules, long durationMs) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean quiet = Ocatopic.quiet(spec);
        ModuleBuilder mb = ModuleBuilder.forModule(name).namespace(namespace).source(ModuleSource.makefile(source))
                .kernels(kernels).image(image).builderImage(builderImage).baseImage(baseImage).insecureRegistry(insecure);
        try {
            if (key != null || cert != null) {
                if (key == null || cert == null) {
                    throw new IllegalArgumentException("--key and --cert go together");
                }
                mb.signWith(ModuleSigner.of(SigningKeys.fromFiles(key, cert)));
            }
            mb.spec(); // bad input (exit 2) before the engine is contacted
            String env = System.getenv("DOCKER_HOST");
            String host;
            String from;
            if (engine != null) {
                host = engine;
                from = "--engine";
            } else if (env != null && !env.isBlank()) {
                host = env;
                from = "DOCKER_HOST";
            } else {
                host = DEFAULT_ENGINE;
                from = "the default; no --engine, DOCKER_HOST unset";
            }
            preflight(host, from);
            try (ContainerEngine e = ContainerEngine.connect(host)) {
                BuildResult r = mb.build(e, ev -> {
                    if (ev.kind() == ProgressEvent.Kind.OUTPUT && !quiet) {
                        err.println(ev.subject() + " | " + ev.message());
                        err.flush();
                    }
                });
                if (moduleYaml != null) {
                    AtomicFiles.write(moduleYaml, Manifests.yaml(mb.moduleForImages(r.pinnedImages())));
                    err.println("wrote " + moduleYaml);
                    err.flush();
                }
                Built built = new Built(mb.spec().name(), namespace, r.images().stream().map(i -> new Image(i.kernel(),
                        i.image(), i.digest(), i.pinned(), i.modules(), i.duration().toMillis())).toList(),
                        moduleYaml == null ? null : moduleYaml.toString());
                output.print(out, built, () -> {
                    for (KernelImage i : r.images()) {
                        out.printf("%-24s %s  (%d module(s), %d ms)%n", i.kernel(), i.pinned(), i.modules().size(),
                                i.duration().toMillis());
                    }
                });
                return 0;
            }
        } catch (KmmException e) {
            throw KmmCommand.failure(e, "");
        }
    }

    /**
     * Checks something listens at the engine's URL (a unix socket or a TCP port), within seconds.
     *
     * @param host the Docker API URL
     * @param from how it was chosen
     * @throws KmmException {@code ENGINE} (exit 3) naming the URL and its source
     */
    static void preflight(String host, String from) {
        String where = "no container engine at " + host + " (from " + from + "): ";
        String hint = "; start Docker or 'podman system service', or pass --engine URL";
        if (host.startsWith("unix://")) {
            Path socket = Path.of(host.substring("unix://".length()));
            if (!Files.exists(socket)) {
                throw new KmmException(KmmException.Reason.ENGINE, where + socket + " does not exist" + hint);
            }
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException | RuntimeException e) {
                throw new KmmException(KmmException.Reason.ENGINE, where + "cannot connect to " + socket + ": "
                        + e.getMessage() + hint);
            }
        } else if (host.startsWith("tcp://") || host.startsWith("http://") || host.startsWith("https://")) {
            URI u;
            try {
                u = URI.create(host.startsWith("tcp://") ? "http://" + host.substring("tcp://".length()) : host);
            } catch (IllegalArgumentException e) {
                throw new KmmException(KmmException.Reason.INVALID, "--engine " + host + " is not a URL: " + e.getMessage());
            }
            if (u.getHost() == null) {
                throw new KmmException(KmmException.Reason.INVALID, "--engine " + host + " names no host");
            }
            int port = u.getPort() > 0 ? u.getPort() : host.startsWith("https://") ? 2376 : 2375;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), port), 3_000);
            } catch (IOException e) {
                throw new KmmException(KmmException.Reason.ENGINE, where + "cannot connect to " + u.getHost() + ":" + port
                        + ": " + e.getMessage() + hint);
            }
        }
    }
}
