package io.ocatopic.ztp.mirror;

import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.kube.internal.oci.AuthFile;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.Platform;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.mirror.ImageSets;
import io.ocatopic.ztp.internal.mirror.MirrorEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies images between OCI registries with the distribution API, keeping digests: the entry type
 * of the registry mirror for disconnected sites.
 *
 * <p>For each image it resolves the source digest (one HEAD), and when the destination reference
 * already points at it, stops there. Otherwise it copies every platform of an index (or the chosen
 * ones), streaming each blob source-to-destination with its digest and size checked on the fly and
 * a bounded number of transfers in parallel; blobs the destination has (journal, HEAD) are skipped,
 * blobs in another repository of the destination are mounted. Manifests are pushed only once all
 * their blobs (and child manifests) are present, by digest first; the destination tag is moved
 * last. A failed image leaves its destination tag untouched and does not stop the others.
 *
 * <pre>{@code
 * RegistryMirror mirror = RegistryMirror.builder()
 *         .destination("factory-registry.local:5000", RegistryOptions.tls().withCaBundle(Path.of("factory-ca.pem")))
 *         .discoverAuthFile()
 *         .platforms(List.of("linux/amd64"))
 *         .journal(Path.of("/var/lib/ocatopic/mirror.journal"))
 *         .listener(event -> { })
 *         .build();
 * List<String> images = List.of("quay.io/org/app:1.0");
 * images.forEach(i -> System.out.println(mirror.requestFor(i)));   // the plan: source -> destination, nothing sent
 * MirrorResult result = mirror.mirror(images);                      // now the copy (unchanged images are skipped)
 * if (result.complete()) {                                          // every image is at the destination
 *     ImageDigestMirrorSet idms = result.imageDigestMirrorSet("factory", ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE);
 * } else {
 *     result.failed().forEach(System.err::println);                 // their destination tags are untouched
 * }
 * }</pre>
 *
 * <p>Disconnected sites: the destination can be an OCI layout directory ({@link Builder#toDirectory}) or an
 * OCI archive, optionally in volumes ({@link Builder#toArchive}), optionally a delta against the archive the
 * site last received ({@link Builder#since}); {@link #mirrorFrom} pushes one into the site registry. Each
 * archive describes itself (a {@code .summary.json} beside it). Free space is checked before anything is written.
 *
 * <pre>{@code
 * RegistryMirror factory = RegistryMirror.builder().discoverAuthFile()
 *         .toArchive(Path.of("site.tar"), 4L << 30).build();
 * factory.mirror(images);                                  // site.tar.001.., site.tar.summary.json
 * MirrorResult pushed = RegistryMirror.builder().destination("site:5000", RegistryOptions.tls())
 *         .journal(Path.of("push.journal")).build().mirrorFrom(List.of(Path.of("site.tar")));
 * if (pushed.complete()) {                                 // a failed run gives no mirror set
 *     pushed.imageDigestMirrorSet("site", ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE);
 * }
 * }</pre>
 *
 * <p>Throughput: the JDK's HTTP client reads sockets in 16 KiB buffers unless the JVM is started with
 * {@code -Djdk.httpclient.bufsize=262144} (or the application sets that property before its first
 * HTTP request); the larger buffers are worth about 10% on a large mirror, and the {@code ocatopic}
 * command sets them. The SDK itself never changes JVM-wide properties.
 *
 * <p>Progress goes to a {@link ProgressEvent.Listener}, called concurrently from worker threads (keep it
 * thread-safe and quick; an exception thrown there is logged and otherwise ignored):
 * <ul>
 * <li>step {@value #STEP_IMAGE}, subject the source image: {@code STARTED} (message {@code "source -> destination"});
 *     {@code ADVANCED} with {@code done} the bytes this image sent so far and {@code total} the bytes of the
 *     blobs it needs (shared blobs count for the image that sent them); then {@code DONE} ({@code mirrored}),
 *     {@code SKIPPED} ({@code unchanged}) or {@code FAILED} (message: why);</li>
 * <li>step {@value #STEP_BLOB}, subject the blob digest: {@code ADVANCED} with {@code done} the bytes of the blob
 *     sent so far in this attempt and {@code total} its size (message: the source image sending it), about
 *     every MiB; then {@code DONE} (message {@code transferred}) or {@code SKIPPED} (message {@code present},
 *     {@code journaled} or {@code mounted}).</li>
 * <li>step {@value #STEP_TOTAL}, subject {@code bytes}: {@code ADVANCED} with {@code done} the bytes the run sent so
 *     far and {@code total} the bytes it expects to send in all (the blobs of the images planned so far, less those
 *     found at the destination), whenever that total changes; with {@code done} it gives a rate and an ETA.</li>
 * </ul>
 *
 * <p>What to mirror can also come from an oc-mirror v2 {@code ImageSetConfiguration} ({@link #imagesOf}), and
 * kmm-core's built module images are plain references by digest ({@code BuildResult.pinnedImages().values()}),
 * mirrored in the same run by adding them to the list.
 */
public final class RegistryMirror {
    /** The {@link ProgressEvent#step()} of image events; their subject is the source image. */
    public static final String STEP_IMAGE = MirrorEngine.STEP_IMAGE;
    /** The {@link ProgressEvent#step()} of blob events; their subject is the blob digest. */
    public static final String STEP_BLOB = MirrorEngine.STEP_BLOB;
    /** The {@link ProgressEvent#step()} of the run's byte totals; their subject is {@code bytes}. */
    public static final String STEP_TOTAL = MirrorEngine.STEP_TOTAL;

    private final MirrorEngine engine;

    private RegistryMirror(MirrorEngine engine) {
        this.engine = engine;
    }

    /**
     * One image to copy: from a source reference (tag or digest) to a destination reference. A
     * destination with neither tag nor digest receives the image by digest only.
     *
     * <pre>{@code
     * MirrorRequest r = MirrorRequest.of("quay.io/org/app:1.0", "mirror.local:5000/org/app:1.0");
     * }</pre>
     *
     * @param source where to read the image, such as {@code quay.io/org/app:1.0}
     * @param destination where to write it, such as {@code mirror.local:5000/org/app:1.0}
     */
    public record MirrorRequest(String source, String destination) {
        /**
         * Validates the parts.
         *
         * @param source the source
         * @param destination the destination
         * @throws IllegalArgumentException when a reference is malformed, or both name different digests
         */
        public MirrorRequest {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            source = source.trim();
            destination = destination.trim();
            ImageReference s = MirrorEngine.source(source);
            ImageReference d = MirrorEngine.destination(destination);
            if (d.digest().isPresent() && s.digest().isPresent() && !d.digest().equals(s.digest())) {
                throw new IllegalArgumentException("destination digest differs from source digest: " + destination);
            }
        }

        /**
         * Parses both references in their canonical form ({@code nginx} is {@code docker.io/library/nginx:latest}).
         *
         * @param source the source reference
         * @param destination the destination reference
         * @return the request
         * @throws IllegalArgumentException when a reference is malformed
         */
        public static MirrorRequest of(String source, String destination) {
            return new MirrorRequest(ImageReference.parse(source).toString(), ImageReference.parse(destination).toString());
        }

        @Override
        public String toString() {
            return source + " -> " + destination;
        }
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where a source image goes: {@code destination/[prefix/]repository} with the same tag (or, for
     * a digest reference, by digest only); for a layout or archive, the full source name.
     *
     * @param source the source image, such as {@code quay.io/org/app:1.0}
     * @return the request
     * @throws ZtpException with {@link ZtpException.Reason#INVALID_SPEC} when no destination was set
     * @throws IllegalArgumentException when the reference is malformed
     */
    public MirrorRequest requestFor(String source) {
        return engine.requestFor(ImageReference.parse(source));
    }

    /**
     * The images an oc-mirror v2 {@code ImageSetConfiguration} ({@code mirror.openshift.io/v2alpha1}) names, for
     * {@link #mirror}: {@code mirror.additionalImages[].name}; {@code mirror.platform.release} by pullspec, the
     * release image and every component its {@code release-manifests/image-references} lists; and for each of
     * {@code mirror.operators[]} the {@code catalog} image and, from its file-based catalog ({@code /configs}),
     * every bundle of the chosen {@code packages[].name} (only those in {@code channels[].name}, when given): the
     * bundle image and its {@code relatedImages}. The release and catalog images are read from their registries
     * (manifests and layers, digests checked; nothing is written). oc-mirror fields ocatopic does not implement
     * ({@code platform.channels}, {@code helm}, version ranges, ...) are refused as not supported, naming the field.
     *
     * <pre>{@code
     * RegistryMirror mirror = RegistryMirror.builder().discoverAuthFile()
     *         .toArchive(Path.of("site.tar"), 0).build();
     * List<String> all = new ArrayList<>(mirror.imagesOf(Path.of("imageset.yaml")));
     * all.addAll(pinnedImages.values());        // kmm-core's BuildResult.pinnedImages(): the site's kernel modules, by digest
     * all.forEach(i -> System.out.println(mirror.requestFor(i)));     // the plan first: nothing sent
     * MirrorResult result = mirror.mirror(all);
     * }</pre>
     *
     * @param imageSetConfiguration the YAML or JSON file
     * @return the source images, each once, in the file's order
     * @throws ZtpException with {@link ZtpException.Reason#INVALID_SPEC} and every problem at its field path (unknown
     *     or not supported fields, a package or channel the catalog lacks), {@link ZtpException.Reason#MALFORMED_INPUT}
     *     when the file or a catalog does not parse, {@link ZtpException.Reason#IO} when the file cannot be read,
     *     {@link ZtpException.Reason#NOT_FOUND} for a release without image-references, or the registry's failure
     */
    public List<String> imagesOf(Path imageSetConfiguration) {
        String text;
        try {
            text = java.nio.file.Files.readString(imageSetConfiguration);
        } catch (java.io.IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot read " + imageSetConfiguration + ": " + e.getMessage(), e);
        }
        String file = String.valueOf(imageSetConfiguration.getFileName());
        ImageSets.Config c;
        try {
            c = ImageSets.parse(text);
        } catch (ZtpException e) {
            if (e.reason() == ZtpException.Reason.INVALID_SPEC) {
                throw inFile(file, e);
            }
            throw new ZtpException(e.reason(), file + ": " + e.getMessage(), null);
        }
        try {
            return ImageSets.images(c, engine);
        } catch (ZtpException e) {
            throw e.reason() == ZtpException.Reason.INVALID_SPEC && !e.problems().isEmpty() ? inFile(file, e) : e;
        }
    }

    private static ZtpException inFile(String file, ZtpException e) {
        return ZtpException.invalid(e.problems().stream()
                .map(p -> new io.ocatopic.core.Problem(file + ": " + p.path(), p.message())).toList());
    }

    /**
     * Mirrors images to the destination (see {@link #requestFor}).
     *
     * @param sources the source images, such as {@code quay.io/org/app:1.0}
     * @return the result; failed images are in it, not thrown
     * @throws ZtpException with {@link ZtpException.Reason#CANCELLED} when the calling thread is
     *     interrupted (finished blobs stay in the journal), {@link ZtpException.Reason#IO} when
     *     the journal cannot be written, or {@link ZtpException.Reason#INVALID_SPEC} for a malformed reference
     */
    public MirrorResult mirror(Collection<String> sources) {
        List<ImageReference> refs = new ArrayList<>();
        for (String s : sources) {
            try {
                refs.add(ImageReference.parse(s));
            } catch (IllegalArgumentException e) {
                throw new ZtpException(ZtpException.Reason.INVALID_SPEC, "image " + s + ": " + e.getMessage(), e);
            }
        }
        return engine.mirror(refs);
    }

    /**
     * Copies images as requested.
     *
     * @param requests source and destination of each image
     * @return the result; failed images are in it, not thrown
     * @throws ZtpException with {@link ZtpException.Reason#CANCELLED} when the calling thread is
     *     interrupted (finished blobs stay in the journal), or {@link ZtpException.Reason#IO} when
     *     the journal cannot be written
     */
    public MirrorResult copy(Collection<MirrorRequest> requests) {
        return engine.copy(requests);
    }

    /**
     * Pushes an OCI layout directory or archive (written by {@link Builder#toArchive}, by skopeo's
     * {@code oci:}/{@code oci-archive:}, or a delta) into the destination registry: every blob digest
     * checked as it is read, resumable through the journal, each image named by its layout reference
     * ({@code quay.io/org/app:1.0} goes to {@code destination/[prefix/]org/app:1.0}), so the result and its
     * ImageDigestMirrorSet are those of a registry-to-registry run. A delta is refused before anything is
     * pushed when the site lacks content its base brought.
     *
     * <pre>{@code
     * MirrorResult r = RegistryMirror.builder().destination("site:5000", RegistryOptions.tls())
     *         .journal(Path.of("push.journal")).build()
     *         .mirrorFrom(List.of(Path.of("site.tar.002"), Path.of("site.tar.001")));   // any order
     * }</pre>
     *
     * @param archive a layout directory, or an archive's file or all its volumes in any order
     * @return the result; failed images (a corrupt blob: {@link ZtpException.Reason#DIGEST_MISMATCH}) are in it
     * @throws ZtpException with {@link ZtpException.Reason#NOT_FOUND} for a missing volume or a delta whose base
     *     the site lacks, {@link ZtpException.Reason#MALFORMED_INPUT} for a truncated volume
     */
    public MirrorResult mirrorFrom(List<Path> archive) {
        return engine.mirrorFrom(archive);
    }

    /** Builds a {@link RegistryMirror}; every setting except the destination has a default. */
    public static final class Builder {
        private String destination;
        private String prefix = "";
        private final Map<String, RegistryOptions> registries = new LinkedHashMap<>();
        private AuthFile authFile = AuthFile.empty();
        private List<Platform> platforms = List.of();
        private int parallelism = 8;
        private long chunkSize;
        private Optional<Path> journalFile = Optional.empty();
        private ProgressEvent.Listener listener = ProgressEvent.Listener.NONE;
        private Path diskTarget;
        private boolean archive;
        private long volumeBytes;
        private Optional<Path> since = Optional.empty();
        private Optional<String> sinceRegistry = Optional.empty();
        private java.util.function.ToLongFunction<Path> freeSpace = p -> {
            try {
                return java.nio.file.Files.getFileStore(p).getUsableSpace();
            } catch (java.io.IOException e) {
                throw new ZtpException(ZtpException.Reason.IO, "cannot read free space of " + p + ": " + e.getMessage(), e);
            }
        };

        private Builder() {
        }

        /**
         * Mirror to an OCI layout directory instead of a registry (skopeo reads it as {@code oci:DIR:REF},
         * REF the full source reference); shared blobs are stored once, every digest is checked while
         * written, a re-run skips what is there, and free space is checked before anything is written.
         * The summary is written inside ({@code ocatopic-summary.json}) and beside ({@code DIR.summary.json}).
         *
         * @param dir the layout directory
         * @return this builder
         */
        public Builder toDirectory(Path dir) {
            this.diskTarget = Objects.requireNonNull(dir, "dir");
            this.archive = false;
            return this;
        }

        /**
         * Mirror to a single-file OCI archive (a tar of a layout; skopeo reads it as
         * {@code oci-archive:FILE:REF}), or, with a volume size, to {@code FILE.001}, {@code FILE.002}, ...
         * of at most that many bytes each ({@code cat FILE.0*} gives the single file). Blobs are staged in
         * {@code FILE.partial/} (a re-run resumes from it) and packed; the summary goes inside and beside
         * ({@code FILE.summary.json}, which also lists the volumes).
         *
         * @param file the archive file
         * @param volumeSize bytes per volume, or 0 for one file
         * @return this builder
         */
        public Builder toArchive(Path file, long volumeSize) {
            if (volumeSize < 0 || volumeSize > 0 && volumeSize < 1 << 20) {
                throw new IllegalArgumentException("volume size must be 0 (one file) or at least 1 MiB");
            }
            this.diskTarget = Objects.requireNonNull(file, "file");
            this.archive = true;
            this.volumeBytes = volumeSize;
            return this;
        }

        /**
         * Writes a delta against the archive the site last received: blobs and manifests that archive
         * brought are left out (the summary lists them as expected from the base). Tags are all carried.
         *
         * @param baseArchive the base archive (its file, a volume, a layout directory or its summary)
         * @return this builder
         */
        public Builder since(Path baseArchive) {
            this.since = Optional.of(baseArchive);
            this.sinceRegistry = Optional.empty();
            return this;
        }

        /**
         * Writes a delta against what a site registry holds, listed when the run starts ({@code /v2/_catalog}, each
         * repository's tags and their manifests): blobs it has are left out (the summary says where each is, and
         * {@link #mirrorFrom} mounts them from there); manifests are all carried. Reach the registry as set with
         * {@link #registry} (or {@link #destination}).
         *
         * <pre>{@code
         * RegistryMirror delta = RegistryMirror.builder().registry("site:5000", RegistryOptions.tls())
         *         .toArchive(Path.of("delta.tar"), 0).sinceRegistry("site:5000").build();
         * }</pre>
         *
         * @param registry the site registry, {@code host[:port]}
         * @return this builder
         * @throws IllegalArgumentException when the registry is not {@code host[:port]}
         */
        public Builder sinceRegistry(String registry) {
            this.sinceRegistry = Optional.of(ImageReference.requireRegistryHost("site registry",
                    Objects.requireNonNull(registry, "registry")));
            this.since = Optional.empty();
            return this;
        }

        /** Test hook: the usable bytes at a directory. */
        Builder freeSpace(java.util.function.ToLongFunction<Path> f) {
            this.freeSpace = f;
            return this;
        }

        /**
         * The destination registry and how to reach it.
         *
         * @param registry host with optional port
         * @param options TLS and credentials
         * @return this builder
         * @throws IllegalArgumentException when the registry is not {@code host[:port]} ({@code evil@host},
         *     {@code host#}, a URL)
         */
        public Builder destination(String registry, RegistryOptions options) {
            this.destination = ImageReference.requireRegistryHost("destination registry",
                    Objects.requireNonNull(registry, "registry"));
            registries.put(registry, Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * A repository prefix at the destination ({@code mirror} puts {@code org/app} at
         * {@code mirror/org/app}); none by default.
         *
         * @param repositoryPrefix the prefix, without slashes at either end
         * @return this builder
         * @throws IllegalArgumentException when the prefix is not a repository path ({@code [a-z0-9]} components
         *     joined by {@code .}, {@code _}, {@code __} or {@code -}, separated by {@code /})
         */
        public Builder destinationPrefix(String repositoryPrefix) {
            this.prefix = Objects.requireNonNull(repositoryPrefix, "repositoryPrefix").replaceAll("^/+|/+$", "");
            if (!prefix.isEmpty()) {
                ImageReference.requireRepository("destination prefix", prefix);
            }
            return this;
        }

        /**
         * How to reach a source registry (default: verified TLS, credentials from the auth file).
         *
         * @param registry the registry name as in image references ({@code docker.io}, {@code quay.io:443})
         * @param options TLS and credentials
         * @return this builder
         * @throws IllegalArgumentException when the registry is not {@code host[:port]}
         */
        public Builder registry(String registry, RegistryOptions options) {
            registries.put(ImageReference.requireRegistryHost("registry", Objects.requireNonNull(registry, "registry")),
                    Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * Credentials for registries without explicit ones, from a Docker/Podman auth file (default: none,
         * anonymous). The file is read now.
         *
         * @param file the auth file ({@code auths} of {@code config.json} or {@code auth.json})
         * @return this builder
         * @throws ZtpException {@code IO} when it cannot be read, {@code MALFORMED_INPUT} when it is not an
         *     auth file (the message never quotes it)
         */
        public Builder authFile(Path file) {
            try {
                this.authFile = AuthFile.load(Objects.requireNonNull(file, "file"));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new ZtpException(ZtpException.Reason.IO, "auth file " + file + " not found", null);
            } catch (java.io.IOException e) {
                throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "auth file " + file + ": " + e.getMessage(),
                        null);
            }
            return this;
        }

        /**
         * Credentials from the auth file podman and skopeo would use ({@code $REGISTRY_AUTH_FILE},
         * {@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code ~/.config/containers/auth.json},
         * {@code ~/.docker/config.json}), none when there is none. The file is read now.
         *
         * @return this builder
         * @throws ZtpException {@code MALFORMED_INPUT} when the file found is not an auth file
         */
        public Builder discoverAuthFile() {
            try {
                this.authFile = AuthFile.discover();
            } catch (java.io.IOException e) {
                throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "auth file: " + e.getMessage(), null);
            }
            return this;
        }

        /**
         * The platforms to copy from indexes (default: all, index digests kept). With a subset the
         * destination gets a reduced index, which has a new digest.
         *
         * @param selected the platforms, each {@code os/architecture[/variant]} such as {@code linux/arm64/v8}
         * @return this builder
         * @throws IllegalArgumentException when a platform is malformed
         */
        public Builder platforms(List<String> selected) {
            this.platforms = selected.stream().map(Platform::parse).toList();
            return this;
        }

        /**
         * The most blob transfers at once, also the most images looked at at once (default 8).
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder parallelism(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1");
            }
            this.parallelism = n;
            return this;
        }

        /**
         * Upload blobs larger than this in chunks of this size (PATCH); 0 (the default) uploads
         * each blob with one PUT.
         *
         * @param bytes chunk size, or 0
         * @return this builder
         */
        public Builder chunkSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("chunk size must not be negative");
            }
            this.chunkSize = bytes;
            return this;
        }

        /**
         * A journal file opened and closed by each run (default: an in-memory journal per run).
         *
         * @param file the journal file
         * @return this builder
         */
        public Builder journal(Path file) {
            this.journalFile = Optional.of(file);
            return this;
        }

        /**
         * Receives progress events (default: none); see the class description for the events.
         *
         * @param l the listener, thread-safe
         * @return this builder
         */
        public Builder listener(ProgressEvent.Listener l) {
            this.listener = Objects.requireNonNull(l, "l");
            return this;
        }

        /**
         * Builds the mirror.
         *
         * @return the mirror
         */
        public RegistryMirror build() {
            return new RegistryMirror(new MirrorEngine(destination, prefix, registries, authFile, platforms, parallelism,
                    chunkSize, journalFile, listener, diskTarget, archive, volumeBytes, since, sinceRegistry, freeSpace));
        }
    }
}
