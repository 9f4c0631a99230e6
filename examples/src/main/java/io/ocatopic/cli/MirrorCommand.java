package io.ocatopic.cli;

import io.ocatopic.kube.KubeYaml;
import io.ocatopic.ztp.MirrorSpec;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.mirror.AuthFile;
import io.ocatopic.ztp.mirror.ImageReference;
import io.ocatopic.ztp.mirror.ImageResult;
import io.ocatopic.ztp.mirror.MirrorEvent;
import io.ocatopic.ztp.mirror.MirrorResult;
import io.ocatopic.ztp.mirror.Platform;
import io.ocatopic.ztp.mirror.RegistryMirror;
import io.ocatopic.ztp.mirror.RegistryOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocatopic ztp mirror}: copies images into a factory registry with {@link RegistryMirror}, shows a
 * progress bar, prints the per-image outcome and optionally writes the {@code ImageDigestMirrorSet}.
 */
@Command(name = "mirror",
        mixinStandardHelpOptions = true,
        description = "Mirror images (by tag or digest, all platforms or chosen ones) into a registry, resumably,"
                + " verifying every blob; print the source-to-mirror mapping and write an ImageDigestMirrorSet.")
public final class MirrorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Source images, e.g. quay.io/org/app:1.0")
    List<String> images = new ArrayList<>();

    @Option(names = "--images-file", paramLabel = "FILE", description = "A file with one source image per line (# comments)")
    Path imagesFile;

    @Option(names = "--to", required = true, paramLabel = "HOST[:PORT]", description = "Destination registry")
    String destination;

    @Option(names = "--prefix", defaultValue = "", description = "Repository prefix at the destination")
    String prefix;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Copy only these platforms of indexes (repeatable)")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--parallel", defaultValue = "8", description = "Blob transfers at once (default ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--chunk-size", defaultValue = "0", description = "Upload blobs in chunks of this many bytes (0: one PUT)")
    long chunkSize;

    @Option(names = "--journal", paramLabel = "FILE", description = "Journal of finished work; a re-run resumes from it")
    Path journal;

    @Option(names = "--authfile", paramLabel = "FILE", description = "Docker/Podman auth file (default: as podman finds it)")
    Path authFile;

    @Option(names = "--ca-bundle", paramLabel = "PEM", description = "Extra CA certificates for the destination")
    Path caBundle;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Talk plain HTTP to this registry (loopback tests only; repeatable)")
    List<String> insecure = new ArrayList<>();

    @Option(names = "--idms", paramLabel = "FILE", description = "Write the ImageDigestMirrorSet YAML here")
    Path idms;

    @Option(names = "--idms-name", defaultValue = "ocatopic-mirror", description = "Name of the ImageDigestMirrorSet")
    String idmsName;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ImageReference> sources = new ArrayList<>();
        try {
            for (String s : images) {
                sources.add(ImageReference.parse(s));
            }
            if (imagesFile != null) {
                for (String line : Files.readAllLines(imagesFile)) {
                    String s = line.strip();
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        sources.add(ImageReference.parse(s));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (sources.isEmpty()) {
            err.println("error: no images given");
            return 2;
        }
        RegistryMirror.Builder b = RegistryMirror.builder()
                .authFile(authFile != null ? AuthFile.load(authFile) : AuthFile.discover())
                .destinationPrefix(prefix)
                .parallelism(parallel)
                .chunkSize(chunkSize)
                .platforms(platforms.stream().map(Platform::parse).toList());
        for (String host : insecure) {
            b.registry(host, RegistryOptions.insecurePlainHttp());
        }
        RegistryOptions dest = insecure.contains(destination) ? RegistryOptions.insecurePlainHttp() : RegistryOptions.tls();
        if (caBundle != null) {
            dest = dest.withCaBundle(caBundle);
        }
        b.destination(destination, dest);
        if (journal != null) {
            b.journal(journal);
        }
        AtomicLong bytes = new AtomicLong();
        MirrorResult result;
        try (Progress progress = Progress.start(out, "images", sources.size())) {
            b.listener(e -> {
                if (e instanceof MirrorEvent.BytesSent s) {
                    bytes.addAndGet(s.bytes());
                } else if (e instanceof MirrorEvent.ImageDone d) {
                    ImageResult r = d.result();
                    if (!r.ok()) {
                        progress.message("FAILED " + r.request() + ": " + r.error().map(Throwable::getMessage).orElse(""));
                    }
                    progress.advance(1);
                }
            });
            result = b.build().mirror(sources);
        } catch (ZtpException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        for (ImageResult r : result.images()) {
            out.printf(Locale.ROOT, "%-9s %s -> %s %s%n", r.status(), r.request().source(),
                    r.request().destination(), r.digest().orElse(""));
        }
        out.printf(Locale.ROOT, "%d images, %d failed; %d blobs sent (%.1f MiB), %d skipped, %.1f s%n",
                result.images().size(), result.failed().size(), result.blobsTransferred(),
                result.bytesTransferred() / 1048576.0, result.blobsSkipped(), result.elapsed().toMillis() / 1000.0);
        if (idms != null) {
            KubeYaml.writeAtomically(idms, KubeYaml.dump(
                    result.imageDigestMirrorSet(idmsName, MirrorSpec.Policy.NEVER_CONTACT_SOURCE)));
            out.println("wrote " + idms);
        }
        return result.ok() ? 0 : 1;
    }
}
