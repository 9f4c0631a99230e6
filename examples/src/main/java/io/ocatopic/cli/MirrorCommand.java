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
        description = "Mirror images (by tag or digest, all platforms or chosen ones; listed, or named by an oc-mirror v2"
                + " ImageSetConfiguration) into a registry, an OCI layout directory or an OCI archive (optionally in"
                + " volumes, optionally a delta --since the last archive or the site registry),"
                + " or from a layout/archive into a registry; resumable, verifying every blob; print the"
                + " source-to-mirror mapping and write an ImageDigestMirrorSet.",
        footer = {"", "Examples:",
                "  ocatopic ztp mirror --to-archive site.tar --volume-size 4G --config imageset.yaml quay.io/org/kmod@sha256:...",
                "  ocatopic ztp mirror --from site.tar.002 --from site.tar.001 --to site-registry:5000 --journal push.journal --idms idms.yaml",
                "  ocatopic ztp mirror --to-archive delta.tar --since site.tar --images-file images.txt",
                "  ocatopic ztp mirror --to-dir delta/ --since docker://site-registry:5000 --config imageset.yaml"})
public final class MirrorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Source images, e.g. quay.io/org/app:1.0")
    List<String> images = new ArrayList<>();

    @Option(names = "--images-file", paramLabel = "FILE", description = "A file with one source image per line (# comments; - reads stdin).")
    String imagesFile;

    @CommandLine.Mixin
    OutputOption output;

    @Option(names = "--to", paramLabel = "HOST[:PORT]", description = "Destination registry")
    String destination;

    @Option(names = "--to-dir", paramLabel = "DIR", description = "Write an OCI layout directory (skopeo: oci:DIR:REF)")
    Path toDir;

    @Option(names = "--to-archive", paramLabel = "FILE", description = "Write an OCI archive (skopeo: oci-archive:FILE:REF)")
    Path toArchive;

    @Option(names = "--volume-size", paramLabel = "SIZE", description = "Split the archive into volumes of SIZE bytes (k, M, G suffixes)")
    String volumeSize;

    @Option(names = "--config", paramLabel = "FILE",
            description = "An oc-mirror v2 ImageSetConfiguration: additionalImages, platform.release (by pullspec) and"
                    + " operators (catalog, packages, channels); combinable with IMAGE arguments")
    Path config;

    @Option(names = "--since", paramLabel = "ARCHIVE|REGISTRY",
            description = "Write a delta: leave out what this earlier archive brought, or the blobs this site registry"
                    + " holds (docker://HOST[:PORT], or HOST:PORT)")
    String since;

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

    /**
     * The {@code -o yaml|json} result of a run.
     *
     * @param images         per image: status, source, destination, digest (null when none)
     * @param failed         how many images failed
     * @param blobsSent      blobs whose bytes were sent
     * @param bytesSent      blob bytes sent
     * @param blobsSkipped   blobs found present, journaled or mounted
     * @param seconds        wall time of the run
     * @param wrote          the files written beside the images: the {@code --idms} and {@code --itms} YAML, in that order
     * @param archive        the layout directory or archive written ({@code --to-dir}, {@code --to-archive}) when
     *                       every image made it, else null
     */
    record Summary(List<Image> images, int failed, int blobsSent, long bytesSent, int blobsSkipped, double seconds,
                   List<String> wrote, Archive archive) {
    }

    /**
     * One image of a run.
     *
     * @param status      MIRRORED, UNCHANGED or FAILED
     * @param source      the source reference
     * @param destination where it went
     * @param digest      the destination's digest, or null
     * @param error       why it failed, or null
     */
    record Image(String status, String source, String destination, String digest, String error) {
    }

    /**
     * What a disk target holds.
     *
     * @param path         the layout directory or archive
     * @param images       how many images it holds
     * @param bytesCarried blob bytes it carries
     * @param deltaAgainst the archive it is a delta against, or null
     * @param summary      its summary file
     */
    record Archive(String path, int images, long bytesCarried, String deltaAgainst, String summary) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> sources = new ArrayList<>();
        for (String s : images) {
            sources.add(reference(s, "image"));   // malformed references are refused before anything else
        }
        if (imagesFile != null) {
            for (String line : Inputs.read(imagesFile).split("\\R")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    sources.add(reference(s, "--images-file " + Inputs.name(imagesFile)));
                }
            }
        }
        int targets = (destination != null && from.isEmpty() ? 1 : 0) + (toDir != null ? 1 : 0) + (toArchive != null ? 1 : 0);
        if (!from.isEmpty() && (destination == null || toDir != null || toArchive != null)) {
            throw bad("--from needs --to REGISTRY (and no --to-dir/--to-archive)");
        }
        if (from.isEmpty() && targets != 1) {
            throw bad("give exactly one of --to, --to-dir, --to-archive");
        }
        if (from.isEmpty() && sources.isEmpty() && config == null) {
            throw bad("no images given");
        }
        if (!from.isEmpty() && config != null) {
            throw bad("--from pushes what the archive holds; give no --config with it");
        }
        if (config != null && !Files.isRegularFile(config)) {
            throw new java.nio.file.NoSuchFileException(config.toString());   // bad input: exit 2
        }
        if (!from.isEmpty() && !sources.isEmpty()) {
            throw bad("--from pushes what the archive holds; give no images with it");
        }
        if (volumeSize != null && toArchive == null) {
            throw bad("--volume-size needs --to-archive");
        }
        if (since != null && toArchive == null && toDir == null) {
            throw bad("--since needs --to-archive or --to-dir");
        }
        if (parallel < 1) {
            throw bad("--parallel must be at least 1");
        }
        if (chunkSize < 0) {
            throw bad("--chunk-size must not be negative");
        }
        long volume = 0;
        if (volumeSize != null) {
            try {
                volume = parseSize(volumeSize);
            } catch (NumberFormatException | ArithmeticException e) {
                throw bad("--volume-size: \"" + volumeSize + "\" is not a size (e.g. 4G, 700M, 1048576)");
            }
        }
        RegistryMirror.Builder b = RegistryMirror.builder();
        if (authFile != null) {
            if (!Files.exists(authFile)) {
                throw new java.nio.file.NoSuchFileException(authFile.toString());   // bad input: exit 2
            }
            b.authFile(authFile);
        } else {
            b.discoverAuthFile();
        }
        if ((idms != null || itms != null) && !io.ocatopic.kube.internal.KubeNames.isSubdomain(idmsName)) {
            throw bad("--idms-name: \"" + idmsName + "\" is not a DNS-1123 subdomain (lower-case letters, digits,"
                    + " '-' and '.', at most 253 characters)");
        }
        try {
            b.destinationPrefix(prefix);
            for (String host : insecure) {
                b.registry(host, RegistryOptions.insecurePlainHttp());
            }
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        b.parallelism(parallel)
                .chunkSize(chunkSize)
                .platforms(platforms);
        boolean plain = insecure.contains(destination);
        RegistryOptions dest = plain ? RegistryOptions.insecurePlainHttp() : RegistryOptions.tls();
        if (caBundle != null) {
            dest = dest.withCaBundle(caBundle);
        }
        if (destination != null) {
            try {
                b.destination(destination, dest);
            } catch (IllegalArgumentException e) {
                throw bad("--to: " + e.getMessage());
            }
        }
        try {
            if (toDir != null) {
                b.toDirectory(toDir);
            } else if (toArchive != null) {
                b.toArchive(toArchive, volume);
            }
        } catch (IllegalArgumentException e) {
            throw bad("--volume-size: " + e.getMessage());
        }
        if (since != null) {
            String site = sinceRegistry(since);
            if (site != null) {
                try {
                    b.sinceRegistry(site);
                } catch (IllegalArgumentException e) {
                    throw bad("--since: " + e.getMessage());
                }
            } else {
                b.since(Path.of(since));
            }
        }
        if (journal != null) {
            b.journal(journal);
        }
        if (destination != null) {
            preflight(destination, plain);
        }
        if (config != null) {
            // the image set's release and catalog images are read now (nothing is written); IMAGE arguments first
            java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(sources);
            all.addAll(b.build().imagesOf(config));
            sources = new ArrayList<>(all);
        }
        MirrorResult result;
        try (Progress progress = Progress.start(spec, "sent", 0).bytes()) {
            b.listener(new ProgressListener(progress));
            RegistryMirror mirror = b.build();
            result = from.isEmpty() ? mirror.mirror(sources) : mirror.mirrorFrom(from);
        }
        List<String> wrote = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        if ((idms != null || itms != null) && !result.complete()) {
            // a failed run publishes no mirror set: the file of the last good run stays as it was
            err.println("ocatopic ztp mirror: " + result.failed().size() + " image(s) failed; "
                    + String.join(" and ", java.util.stream.Stream.of(idms, itms).filter(java.util.Objects::nonNull)
                            .map(Path::toString).toList()) + " left unchanged");
        } else if (idms != null) {
            AtomicFiles.write(idms, Manifests.yaml(
                    result.imageDigestMirrorSet(idmsName, ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE)));
            wrote.add(idms.toString());
        }
        if (itms != null && result.complete()) {
            AtomicFiles.write(itms, Manifests.yaml(
                    result.imageTagMirrorSet(idmsName, ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE)));
            wrote.add(itms.toString());
        }
        Path archiveOut = toArchive != null ? toArchive : toDir;
        Archive archive = null;
        if (archiveOut != null && result.ok()) {
            io.ocatopic.ztp.internal.mirror.ArchiveSummary summary = io.ocatopic.ztp.internal.mirror.ArchiveSummary.read(archiveOut);
            archive = new Archive(archiveOut.toString(), summary.images().size(), summary.includedBytes(),
                    summary.baseId().map(id -> summary.baseName().orElse(id)).orElse(null),
                    archiveOut + io.ocatopic.ztp.internal.mirror.ArchiveSummary.SUFFIX);
        }
        Summary data = new Summary(result.images().stream().map(r -> new Image(r.status().name(), r.request().source(),
                r.request().destination(), r.digest().orElse(null), r.error().map(Throwable::getMessage).orElse(null)))
                .toList(), result.failed().size(), result.blobsTransferred(), result.bytesTransferred(),
                result.blobsSkipped(), result.elapsed().toMillis() / 1000.0, List.copyOf(wrote), archive);
        output.print(out, data, () -> {
            for (ImageResult r : result.images()) {
                out.printf(Locale.ROOT, "%-9s %s -> %s %s%n", r.status(), r.request().source(),
                        r.request().destination(), r.digest().orElse(""));
            }
            out.printf(Locale.ROOT, "%d images, %d failed; %d blobs sent (%.1f MiB), %d skipped, %.1f s%n",
                    result.images().size(), result.failed().size(), result.blobsTransferred(),
                    result.bytesTransferred() / 1048576.0, result.blobsSkipped(), result.elapsed().toMillis() / 1000.0);
            wrote.forEach(f -> out.println("wrote " + f));
            Archive a = data.archive();
            if (a != null) {
                out.printf(Locale.ROOT, "wrote %s: %d images, %.1f MiB carried%s; summary %s%n", a.path(), a.images(),
                        a.bytesCarried() / 1048576.0, a.deltaAgainst() == null ? "" : ", delta against " + a.deltaAgainst(),
                        a.summary());
            }
        });
        return result.ok() ? 0 : 1;
    }

    /**
     * The site registry of {@code --since}: {@code docker://HOST[:PORT]}, or {@code HOST:PORT} that is no existing
     * file; null for an archive.
     */
    static String sinceRegistry(String value) {
        if (value.startsWith("docker://")) {
            return value.substring("docker://".length()).replaceAll("/+$", "");
        }
        if (!Files.exists(Path.of(value)) && value.matches("[A-Za-z0-9.-]+:[0-9]{1,5}")) {
            return value;
        }
        return null;
    }

    /**
     * An argument error found by the command: exit 2, one line (a picocli ParameterException thrown from the
     * command would print the whole usage).
     */
    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }

    /** Checks an image reference parses; a malformed one is bad input (exit 2) naming where it came from. */
    private String reference(String s, String where) {
        try {
            ImageReference.parse(s);
            return s;
        } catch (IllegalArgumentException e) {
            throw bad(where + ": " + e.getMessage());
        }
    }

    /**
     * The destination registry's preflight: a TCP connection to it, within 5 seconds, before any work, so a wrong
     * or down registry fails in seconds (exit 3) with one line naming it, instead of one failure per image.
     *
     * @param registry the {@code --to} registry, {@code HOST[:PORT]}
     * @param plain    whether it speaks plain HTTP ({@code --insecure-registry})
     * @throws ZtpException with {@code UNREACHABLE} (exit 3) when it does not answer
     */
    static void preflight(String registry, boolean plain) {
        String host = "docker.io".equals(registry) ? "registry-1.docker.io" : registry;
        int port = plain ? 80 : 443;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            try {
                port = Integer.parseInt(host.substring(colon + 1));
                host = host.substring(0, colon);
            } catch (NumberFormatException e) {
                // not a port: leave it to the mirror's own reference checks
            }
        }
        host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String url = (plain ? "http://" : "https://") + registry + "/v2/";
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 5_000);
        } catch (IOException | IllegalArgumentException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            throw new ZtpException(ZtpException.Reason.UNREACHABLE, "cannot reach the registry at " + url
                    + " (from --to " + registry + "): " + why);
        }
    }

    /**
     * Turns the mirror's image events into the progress bar: the bytes each image has sent (a running total per
     * image, from worker threads) advance the bar by their increase; a failed image is reported with its
     * request ({@code source -> destination}).
     */
    static final class ProgressListener implements ProgressEvent.Listener {
        private final Progress progress;
        private final Map<String, Long> sent = new ConcurrentHashMap<>();
        private final Map<String, String> requests = new ConcurrentHashMap<>();

        ProgressListener(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void on(ProgressEvent e) {
            if (RegistryMirror.STEP_TOTAL.equals(e.step())) {
                progress.total(e.total());   // the bytes the run expects to send: the bar's end and the ETA
                return;
            }
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
