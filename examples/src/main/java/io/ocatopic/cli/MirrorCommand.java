package io.ocatopic.cli;

import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.Manifests;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;
import io.ocatopic.ztp.mirror.MirrorResult;
import io.ocatopic.ztp.mirror.RegistryMirror;
import io.ocatopic.ztp.mirror.RegistryOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
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
        description = "Mirror images (by tag or digest, all platforms or chosen ones) into a registry, an OCI layout"
                + " directory or an OCI archive (optionally in volumes, optionally a delta --since the last archive),"
                + " or from a layout/archive into a registry; resumable, verifying every blob; print the"
                + " source-to-mirror mapping and write an ImageDigestMirrorSet.",
        footer = {"", "Examples:",
                "  ocatopic ztp mirror --to-archive site.tar --volume-size 4G quay.io/org/app:1.0",
                "  ocatopic ztp mirror --from site.tar.002 --from site.tar.001 --to site-registry:5000 --journal push.journal --idms idms.yaml",
                "  ocatopic ztp mirror --to-archive delta.tar --since site.tar --images-file images.txt",
                "  ocatopic ztp mirror --to-dir layout/ quay.io/org/app:1.0"})
public final class MirrorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Source images, e.g. quay.io/org/app:1.0")
    List<String> images = new ArrayList<>();

    @Option(names = "--images-file", paramLabel = "FILE", description = "A file with one source image per line (# comments)")
    Path imagesFile;

    @Option(names = "--to", paramLabel = "HOST[:PORT]", description = "Destination registry")
    String destination;

    @Option(names = "--to-dir", paramLabel = "DIR", description = "Write an OCI layout directory (skopeo: oci:DIR:REF)")
    Path toDir;

    @Option(names = "--to-archive", paramLabel = "FILE", description = "Write an OCI archive (skopeo: oci-archive:FILE:REF)")
    Path toArchive;

    @Option(names = "--volume-size", paramLabel = "SIZE", description = "Split the archive into volumes of SIZE bytes (k, M, G suffixes)")
    String volumeSize;

    @Option(names = "--since", paramLabel = "ARCHIVE", description = "Write a delta: leave out what this earlier archive brought")
    Path since;

    @Option(names = "--from", paramLabel = "PATH", description = "Push a layout directory or archive (all volumes, any order; repeatable) into --to")
    List<Path> from = new ArrayList<>();

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

    @Option(names = "--itms", paramLabel = "FILE", description = "Write the ImageTagMirrorSet YAML (images mirrored by tag) here")
    Path itms;

    @Option(names = "--idms-name", defaultValue = "ocatopic-mirror", description = "Name of the ImageDigestMirrorSet")
    String idmsName;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> sources = new ArrayList<>();
        try {
            for (String s : images) {
                ImageReference.parse(s);   // malformed references are refused before anything else
                sources.add(s);
            }
            if (imagesFile != null) {
                for (String line : Files.readAllLines(imagesFile)) {
                    String s = line.strip();
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        ImageReference.parse(s);
                        sources.add(s);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        int targets = (destination != null && from.isEmpty() ? 1 : 0) + (toDir != null ? 1 : 0) + (toArchive != null ? 1 : 0);
        if (!from.isEmpty() && (destination == null || toDir != null || toArchive != null)) {
            err.println("error: --from needs --to REGISTRY (and no --to-dir/--to-archive)");
            return 2;
        }
        if (from.isEmpty() && targets != 1) {
            err.println("error: give exactly one of --to, --to-dir, --to-archive");
            return 2;
        }
        if (from.isEmpty() && sources.isEmpty()) {
            err.println("error: no images given");
            return 2;
        }
        if (!from.isEmpty() && !sources.isEmpty()) {
            err.println("error: --from pushes what the archive holds; give no images with it");
            return 2;
        }
        long volume = 0;
        if (volumeSize != null) {
            try {
                volume = parseSize(volumeSize);
            } catch (NumberFormatException e) {
                err.println("error: --volume-size: \"" + volumeSize + "\" is not a size (e.g. 4G, 700M, 1048576)");
                return 2;
            }
        }
        RegistryMirror.Builder b = RegistryMirror.builder();
        if (authFile != null) {
            if (!Files.exists(authFile)) {
                throw new java.nio.file.NoSuchFileException(authFile.toString());   // bad input: exit 2, as before
            }
            b.authFile(authFile);
        } else {
            b.discoverAuthFile();
        }
        b.destinationPrefix(prefix)
                .parallelism(parallel)
                .chunkSize(chunkSize)
                .platforms(platforms);
        for (String host : insecure) {
            b.registry(host, RegistryOptions.insecurePlainHttp());
        }
        RegistryOptions dest = insecure.contains(destination) ? RegistryOptions.insecurePlainHttp() : RegistryOptions.tls();
        if (caBundle != null) {
            dest = dest.withCaBundle(caBundle);
        }
        if (destination != null) {
            b.destination(destination, dest);
        }
        try {
            if (toDir != null) {
                b.toDirectory(toDir);
            } else if (toArchive != null) {
                b.toArchive(toArchive, volume);
            }
        } catch (IllegalArgumentException e) {
            err.println("error: --volume-size: " + e.getMessage());
            return 2;
        }
        if (since != null) {
            b.since(since);
        }
        if (journal != null) {
            b.journal(journal);
        }
        MirrorResult result;
        try (Progress progress = Progress.start(err, "bytes sent", 0)) {
            b.listener(new ProgressListener(progress));
            RegistryMirror mirror = b.build();
            result = from.isEmpty() ? mirror.mirror(sources) : mirror.mirrorFrom(from);
        } catch (ZtpException e) {
            err.println("error: " + e.getMessage());
            switch (e.reason()) {
                case NOT_FOUND, MALFORMED_INPUT, INVALID_SPEC:
                    return 2;
                case UNREACHABLE, REGISTRY_UNAUTHORIZED, REGISTRY_ERROR, IO:
                    return 3;
                default:
                    return 1;
            }
        }
        for (ImageResult r : result.images()) {
            out.printf(Locale.ROOT, "%-9s %s -> %s %s%n", r.status(), r.request().source(),
                    r.request().destination(), r.digest().orElse(""));
        }
        out.printf(Locale.ROOT, "%d images, %d failed; %d blobs sent (%.1f MiB), %d skipped, %.1f s%n",
                result.images().size(), result.failed().size(), result.blobsTransferred(),
                result.bytesTransferred() / 1048576.0, result.blobsSkipped(), result.elapsed().toMillis() / 1000.0);
        if (idms != null) {
            AtomicFiles.write(idms, Manifests.yaml(
                    result.imageDigestMirrorSet(idmsName, ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE)));
            out.println("wrote " + idms);
        }
        if (itms != null) {
            AtomicFiles.write(itms, Manifests.yaml(
                    result.imageTagMirrorSet(idmsName, ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE)));
            out.println("wrote " + itms);
        }
        Path archiveOut = toArchive != null ? toArchive : toDir;
        if (archiveOut != null && result.ok()) {
            io.ocatopic.ztp.internal.mirror.ArchiveSummary summary = io.ocatopic.ztp.internal.mirror.ArchiveSummary.read(archiveOut);
            out.printf(Locale.ROOT, "wrote %s: %d images, %.1f MiB carried%s; summary %s%s%n", archiveOut,
                    summary.images().size(), summary.includedBytes() / 1048576.0,
                    summary.baseId().map(id -> ", delta against " + summary.baseName().orElse(id)).orElse(""),
                    archiveOut, io.ocatopic.ztp.internal.mirror.ArchiveSummary.SUFFIX);
        }
        return result.ok() ? 0 : 1;
    }

    /**
     * Turns the mirror's image events into the progress bar: the bytes each image has sent (a running total per
     * image, from worker threads) advance the bar by their increase; a failed image is reported with its
     * request ({@code source -> destination}).
     */
    private static final class ProgressListener implements ProgressEvent.Listener {
        private final Progress progress;
        private final Map<String, Long> sent = new ConcurrentHashMap<>();
        private final Map<String, String> requests = new ConcurrentHashMap<>();

        ProgressListener(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void on(ProgressEvent e) {
            if (!RegistryMirror.STEP_IMAGE.equals(e.step())) {
                return;
            }
            String image = e.subject();
            if (e.kind() == ProgressEvent.Kind.STARTED) {
                sent.put(image, 0L);
                requests.put(image, e.message());
                return;
            }
            if (e.kind() == ProgressEvent.Kind.ADVANCED || e.kind() == ProgressEvent.Kind.DONE
                    || e.kind() == ProgressEvent.Kind.FAILED) {
                long[] delta = new long[1];
                sent.compute(image, (k, before) -> {
                    long was = before == null ? 0 : before;
                    delta[0] = Math.max(0, e.done() - was);
                    return Math.max(was, e.done());
                });
                if (delta[0] > 0) {
                    progress.advance(delta[0]);
                }
            }
            if (e.kind() == ProgressEvent.Kind.FAILED) {
                progress.message("FAILED " + requests.getOrDefault(image, image) + ": " + e.message());
            }
        }
    }

    static long parseSize(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        long mul = 1;
        if (t.endsWith("K")) {
            mul = 1L << 10;
        } else if (t.endsWith("M")) {
            mul = 1L << 20;
        } else if (t.endsWith("G")) {
            mul = 1L << 30;
        }
        if (mul > 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Math.multiplyExact(Long.parseLong(t), mul);
    }
}
