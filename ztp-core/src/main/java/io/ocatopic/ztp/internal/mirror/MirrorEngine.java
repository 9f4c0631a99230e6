package io.ocatopic.ztp.internal.mirror;

import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.kube.internal.oci.AuthFile;
import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.ImageStore;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.Platform;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.kube.internal.oci.RegistryCredentials;
import io.ocatopic.kube.internal.oci.RegistryException;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.mirror.MirrorResult;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;
import io.ocatopic.ztp.mirror.RegistryMirror.MirrorRequest;
import io.ocatopic.ztp.mirror.RegistryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry mirror's engine behind {@link io.ocatopic.ztp.mirror.RegistryMirror}: resolves, plans and copies
 * images between image stores (registries, OCI layouts), with a bounded number of blob transfers at once.
 */
public final class MirrorEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorEngine.class);
    private static final long EVENT_BYTES = 1 << 20;
    /** The {@link ProgressEvent#step()} of image events; the subject is the source image. */
    public static final String STEP_IMAGE = "image";
    /** The {@link ProgressEvent#step()} of blob events; the subject is the blob digest. */
    public static final String STEP_BLOB = "blob";
    /** The {@link ProgressEvent#step()} of the run's byte totals; the subject is {@code bytes}. */
    public static final String STEP_TOTAL = "total";

    private final String destination;
    private final String prefix;
    private final Map<String, RegistryOptions> registries;
    private final AuthFile authFile;
    private final List<Platform> platforms;
    private final int parallelism;
    private final long chunkSize;
    private final Optional<MirrorJournal> journal;
    private final Optional<Path> journalFile;
    private final ProgressEvent.Listener listener;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
    private final DiskMirror disk;

    /**
     * Creates the engine.
     *
     * @param destination the destination registry, or null
     * @param prefix the repository prefix at the destination, or ""
     * @param registries how to reach each registry
     * @param authFile credentials for registries without explicit ones
     * @param platforms the platforms to copy from indexes, empty for all
     * @param parallelism the most blob transfers at once
     * @param chunkSize upload chunk size, or 0
     * @param journalFile the journal file, if any
     * @param listener receives progress events
     * @param diskTarget a layout directory or archive to write instead of a registry, or null
     * @param archive whether {@code diskTarget} is an archive
     * @param volumeBytes bytes per archive volume, or 0
     * @param since the base archive of a delta, if any
     * @param sinceRegistry the site registry a delta is against, if any
     * @param freeSpace the usable bytes at a directory
     */
    public MirrorEngine(String destination, String prefix, Map<String, RegistryOptions> registries, AuthFile authFile,
                        List<Platform> platforms, int parallelism, long chunkSize, Optional<Path> journalFile,
                        ProgressEvent.Listener listener, Path diskTarget, boolean archive, long volumeBytes,
                        Optional<Path> since, Optional<String> sinceRegistry, ToLongFunction<Path> freeSpace) {
        this.destination = destination;
        this.prefix = prefix;
        this.registries = Map.copyOf(registries);
        this.authFile = authFile;
        this.platforms = List.copyOf(platforms);
        this.parallelism = parallelism;
        this.chunkSize = chunkSize;
        this.journal = Optional.empty();
        this.journalFile = journalFile;
        this.listener = listener;
        this.disk = diskTarget == null ? null : new DiskMirror(this, diskTarget, archive, volumeBytes, since,
                sinceRegistry, freeSpace);
    }

    /**
     * Parses a request's source.
     *
     * @param text an image reference
     * @return the parsed reference
     */
    public static ImageReference source(String text) {
        return ImageReference.parse(text);
    }

    /**
     * Parses a request's destination: one with neither tag nor digest receives the image by digest only.
     *
     * @param text an image reference
     * @return the parsed reference
     */
    public static ImageReference destination(String text) {
        ImageReference r = ImageReference.parse(text);
        String t = text.trim();
        String last = t.substring(t.lastIndexOf('/') + 1);
        if (!last.contains(":") && !last.contains("@")) {
            return new ImageReference(r.registry(), r.repository(), Optional.empty(), Optional.empty());
        }
        return r;
    }

    /**
     * A request from parsed references.
     *
     * @param source the source
     * @param destination the destination (without tag and digest: by digest only)
     * @return the request
     */
    public static MirrorRequest request(ImageReference source, ImageReference destination) {
        return new MirrorRequest(source.toString(), destination.toString());
    }

    /**
     * Pushes an OCI layout directory or archive (written by an archive target, by skopeo's
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
        if (destination == null) {
            throw new ZtpException(ZtpException.Reason.INVALID_SPEC, "no destination registry set");
        }
        return DiskMirror.push(this, archive);
    }

    /**
     * @param d an index entry
     * @return whether its platform is selected
     */
    public boolean selected(Descriptor d) {
        if (platforms.isEmpty()) {
            return true;
        }
        return d.platform().map(p -> platforms.stream().anyMatch(w -> w.matches(p))).orElse(false);
    }

    /**
     * Where a source image goes: {@code destination/[prefix/]repository} with the same tag (or, for
     * a digest reference, by digest only).
     *
     * @param source the source image
     * @return the request
     * @throws ZtpException with {@link ZtpException.Reason#INVALID_SPEC} when no destination was set
     */
    public MirrorRequest requestFor(ImageReference source) {
        if (disk != null) {
            return request(source, new ImageReference(source.registry(), source.repository(),
                    source.digest().isPresent() ? Optional.empty() : source.tag(), Optional.empty()));
        }
        if (destination == null) {
            throw new ZtpException(ZtpException.Reason.INVALID_SPEC, "no destination registry set");
        }
        String repo = prefix.isEmpty() ? source.repository() : prefix + "/" + source.repository();
        ImageReference dest = new ImageReference(destination, repo, source.digest().isPresent() ? Optional.empty()
                : source.tag(), Optional.empty());
        return request(source, dest);
    }

    /**
     * Mirrors images to the destination registry (see {@link #requestFor}).
     *
     * @param sources the source images
     * @return the result; failed images are in it, not thrown
     * @throws ZtpException with {@link ZtpException.Reason#CANCELLED} when the calling thread is
     *     interrupted (finished blobs stay in the journal), or {@link ZtpException.Reason#IO} when
     *     the journal cannot be written
     */
    public MirrorResult mirror(Collection<ImageReference> sources) {
        List<MirrorRequest> requests = new ArrayList<>();
        for (ImageReference s : sources) {
            requests.add(requestFor(s));
        }
        return copy(requests);
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
        if (disk != null) {
            return disk.write(requests);
        }
        return execute(requests, null, null, Map.of(), Map.of(), true);
    }

    /**
     * Runs the copy with optional disk stores in place of registries.
     *
     * @param source a layout to read from instead of the source registries, or null
     * @param sink a layout to write to instead of the destination registry, or null
     * @param hints blobs known to be in some other repository of the destination (digest to repository)
     * @param manifests manifests already read, by {@code host/repository@digest}
     * @param useJournal whether to use the configured journal (a layout sink is its own journal)
     */
    /**
     * Runs the copy with optional disk stores in place of registries.
     *
     * @param requests the images
     * @param source a layout to read from instead of the source registries, or null
     * @param sink a layout to write to instead of the destination registry, or null
     * @param hints blobs known to be in some other repository of the destination (digest to repository)
     * @param manifests manifests already read, by {@code host/repository@digest}
     * @param useJournal whether to use the configured journal (a layout sink is its own journal)
     * @return the result
     */
    public MirrorResult execute(Collection<MirrorRequest> requests, ImageStore source, ImageStore sink,
                         Map<String, String> hints, Map<String, Manifest> manifests, boolean useJournal) {
        long start = System.nanoTime();
        MirrorJournal j = !useJournal ? MirrorJournal.inMemory()
                : journal.orElseGet(() -> journalFile.map(MirrorJournal::open).orElseGet(MirrorJournal::inMemory));
        boolean ownJournal = !useJournal || journal.isEmpty();
        Run run = new Run(j, Math.max(1, Math.min(parallelism, requests.size())));
        run.source = source;
        run.sink = sink;
        run.mountHints = Map.copyOf(hints);
        run.manifestCache.putAll(manifests);
        try {
            List<Future<ImageResult>> futures = new ArrayList<>();
            for (MirrorRequest r : requests) {
                futures.add(run.images.submit(() -> run.image(r)));
            }
            List<ImageResult> results = new ArrayList<>();
            for (Future<ImageResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new ZtpException(ZtpException.Reason.REGISTRY_ERROR, "mirror worker failed: " + e.getCause(),
                            e.getCause());
                }
            }
            return new MirrorResult(results, run.transferred.get(), run.skipped.get(), run.bytes.get(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            run.abort();
            Thread.currentThread().interrupt();
            throw new ZtpException(ZtpException.Reason.CANCELLED,
                    "mirror interrupted; finished blobs are journaled and will not be sent again", e);
        } finally {
            run.shutdown();
            if (ownJournal) {
                j.close();
            }
        }
    }

    /**
     * The client for a registry, shared per host and credentials.
     *
     * @param ref an image on that registry
     * @return the client
     */
    public RegistryClient client(ImageReference ref) {
        RegistryOptions o = registries.getOrDefault(ref.registry(), RegistryOptions.tls());
        Optional<RegistryCredentials> creds = o.credentials()
                .map(c -> RegistryCredentials.of(c.username(), c.password().reveal())).or(() -> authFile.lookup(ref));
        RegistryClient.Options effective = new RegistryClient.Options(o.plainHttp(), o.caBundle(), creds,
                new RegistryClient.Deadlines(o.connectTimeout(), o.idleTimeout(), o.requestTimeout()));
        String key = ref.apiHost() + "|" + o.hashCode() + "|" + creds.map(c -> c.username() + "|" + Integer.toHexString(c.password().hashCode()))
                .orElse("");
        return clients.computeIfAbsent(key, k -> {
            try {
                return RegistryClient.create(ref.apiHost(), effective);
            } catch (RegistryException | IllegalArgumentException e) {
                throw new ZtpException(ZtpException.Reason.INVALID_SPEC, e.getMessage(), e);
            }
        });
    }

    private void emit(ProgressEvent.Kind kind, String step, String subject, long done, long total, String message) {
        try {
            listener.on(new ProgressEvent(kind, step, subject, done, total, message, Instant.now()));
        } catch (RuntimeException ex) {
            LOG.warn("mirror listener failed on {} {}: {}", kind, step, ex.toString());
        }
    }

    private void imageDone(ImageResult r) {
        ProgressEvent.Kind kind = switch (r.status()) {
            case MIRRORED -> ProgressEvent.Kind.DONE;
            case UNCHANGED -> ProgressEvent.Kind.SKIPPED;
            case FAILED -> ProgressEvent.Kind.FAILED;
        };
        String message = r.error().map(Throwable::getMessage)
                .orElse(r.status().name().toLowerCase(java.util.Locale.ROOT));
        emit(kind, STEP_IMAGE, r.request().source(), r.bytesSent(), r.bytesSent(), message);
    }

    /**
     * The reason of a registry failure.
     *
     * @param e the failure
     * @return the matching reason
     */
    public static ZtpException.Reason reasonOf(RegistryException e) {
        switch (e.kind()) {
            case UNAUTHORIZED:
                return ZtpException.Reason.REGISTRY_UNAUTHORIZED;
            case NOT_FOUND:
                return ZtpException.Reason.NOT_FOUND;
            case DIGEST_MISMATCH:
                return ZtpException.Reason.DIGEST_MISMATCH;
            case IO:
                return ZtpException.Reason.UNREACHABLE;
            case TIMEOUT:
                return ZtpException.Reason.TIMEOUT;
            default:
                return ZtpException.Reason.REGISTRY_ERROR;
        }
    }

    /** Bytes sent for one image and the bytes its blobs need. */
    private static final class ImageProgress {
        final String image;
        final LongAdder bytes = new LongAdder();
        volatile long total;

        ImageProgress(String image) {
            this.image = image;
        }
    }

    /** State of one {@link #copy} call. */
    private final class Run {
        final MirrorJournal journal;
        final ExecutorService images;
        final ExecutorService blobs;
        final Map<String, CompletableFuture<Void>> perRepo = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<String>> firstUpload = new ConcurrentHashMap<>();
        final AtomicLong bytes = new AtomicLong();
        final AtomicInteger transferred = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        /** Blobs counted into {@link #planned}, and those already sent or skipped once. */
        final java.util.Set<String> counted = ConcurrentHashMap.newKeySet();
        final java.util.Set<String> settled = ConcurrentHashMap.newKeySet();
        /** Bytes the run expects to send: blobs of the images planned so far, less those found at the destination. */
        final AtomicLong planned = new AtomicLong();

        void plannedChanged() {
            emit(ProgressEvent.Kind.ADVANCED, STEP_TOTAL, "bytes", bytes.get(), planned.get(), "");
        }

        ImageStore source;
        ImageStore sink;
        Map<String, String> mountHints = Map.of();
        final Map<String, Manifest> manifestCache = new ConcurrentHashMap<>();

        Run(MirrorJournal journal, int imageThreads) {
            this.journal = journal;
            this.images = Executors.newFixedThreadPool(imageThreads, threads("mirror-image"));
            this.blobs = Executors.newFixedThreadPool(parallelism, threads("mirror-blob"));
        }

        ImageResult image(MirrorRequest req) throws InterruptedException {
            long start = System.nanoTime();
            emit(ProgressEvent.Kind.STARTED, STEP_IMAGE, req.source(), 0, 0, req.toString());
            ImageProgress imageBytes = new ImageProgress(req.source());
            ImageReference reqSource = source(req.source());
            ImageReference reqDestination = destination(req.destination());
            Optional<String> sourceDigest = Optional.empty();
            ImageResult result;
            try {
                ImageStore src = source != null ? source : client(reqSource);
                ImageStore dst = sink != null ? sink : client(reqDestination);
                String srcRepo = src.fullNames() ? reqSource.fullRepository() : reqSource.repository();
                String dstRepo = dst.fullNames() ? reqDestination.fullRepository() : reqDestination.repository();
                String dstKey = reqDestination.fullRepository();
                String digest = reqSource.digest().orElse(null);
                if (digest == null) {
                    digest = src.headManifest(srcRepo, reqSource.tag().orElseThrow()).orElseThrow(() ->
                            new RegistryException(RegistryException.Kind.NOT_FOUND, 404, "no manifest " + reqSource));
                }
                sourceDigest = Optional.of(digest);
                Optional<String> tag = reqDestination.tag();
                Optional<String> expected = platforms.isEmpty() ? Optional.of(digest)
                        : journal.tagDigest(dstKey, tag.orElse("-"), digest);
                if (expected.isPresent()) {
                    Optional<String> current = dst.headManifest(dstRepo, tag.orElse(expected.get()));
                    if (current.equals(expected)) {
                        result = new ImageResult(req, ImageResult.Status.UNCHANGED, sourceDigest, expected, List.of(),
                                0, elapsed(start), Optional.empty());
                        imageDone(result);
                        return result;
                    }
                }
                Manifest top = manifest(src, srcRepo, dst, dstRepo, digest);
                Manifest toPush = top;
                List<Manifest> children = new ArrayList<>();
                if (top.isIndex()) {
                    List<Descriptor> all = top.children();
                    List<Descriptor> wanted = all.stream().filter(this::selected).toList();
                    if (wanted.isEmpty()) {
                        throw new RegistryException(RegistryException.Kind.NOT_FOUND, 0,
                                reqSource + " has no manifest for platforms " + platforms);
                    }
                    if (wanted.size() != all.size()) {
                        toPush = top.filterChildren(wanted.stream().map(Descriptor::digest).toList());
                    }
                    for (Descriptor d : wanted) {
                        Manifest child = manifest(src, srcRepo, dst, dstRepo, d.digest());
                        if (child.isIndex()) {
                            throw new RegistryException(RegistryException.Kind.UNSUPPORTED, 0,
                                    "nested index " + d.digest() + " in " + reqSource);
                        }
                        children.add(child);
                    }
                } else {
                    children.add(top);
                }
                Manifest index = top.isIndex() ? toPush : null;
                try {
                    pushContent(req, src, dst, dstKey, index, children, imageBytes, true);
                    putReference(dst, dstRepo, dstKey, tag, digest, toPush);
                } catch (RegistryException e) {
                    if (e.kind() != RegistryException.Kind.MISSING_REFERENCE) {
                        throw e;
                    }
                    // the destination lost content the journal records (emptied, reinstalled): the journal only
                    // ever speeds a run up, so check every blob and manifest (HEAD) and send what is missing
                    LOG.info("destination lacks content the journal records for {}; checking blob by blob", req);
                    pushContent(req, src, dst, dstKey, index, children, imageBytes, false);
                    putReference(dst, dstRepo, dstKey, tag, digest, toPush);
                }
                List<String> childDigests = top.isIndex() ? children.stream().map(Manifest::digest).toList() : List.of();
                result = new ImageResult(req, ImageResult.Status.MIRRORED, sourceDigest, Optional.of(toPush.digest()),
                        childDigests, imageBytes.bytes.sum(), elapsed(start), Optional.empty());
            } catch (RegistryException e) {
                result = failed(req, sourceDigest, imageBytes, start,
                        new ZtpException(reasonOf(e), "mirror " + req + " failed: " + e.getMessage(), e));
            } catch (ZtpException e) {
                result = failed(req, sourceDigest, imageBytes, start, e);
            }
            imageDone(result);
            return result;
        }

        /** Points the destination tag (or, without one, the digest reference) at the pushed manifest. */
        private void putReference(ImageStore dst, String dstRepo, String dstKey, Optional<String> tag, String digest,
                                  Manifest toPush) throws RegistryException, InterruptedException {
            if (tag.isPresent()) {
                dst.putManifest(dstRepo, tag.get(), toPush);
                journal.recordTag(dstKey, tag.get(), digest, toPush.digest());
            } else {
                dst.reference(dstRepo, toPush);
            }
        }

        /**
         * A manifest by digest from the source (cached for the run); a delta archive that leaves out a
         * manifest its base brought to the site is read back from the site, digest checked.
         */
        Manifest manifest(ImageStore src, String srcRepo, ImageStore dst, String dstRepo, String digest)
                throws RegistryException, InterruptedException {
            Manifest cached = manifestCache.get(src.host() + "/" + srcRepo + "@" + digest);
            if (cached != null) {
                return cached;
            }
            Manifest m;
            try {
                m = src.getManifest(srcRepo, digest);
            } catch (RegistryException e) {
                if (e.kind() != RegistryException.Kind.NOT_FOUND || !src.fullNames() || dst == null || dst.fullNames()) {
                    throw e;
                }
                m = dst.getManifest(dstRepo, digest);
            }
            manifestCache.put(src.host() + "/" + srcRepo + "@" + digest, m);
            return m;
        }

        private ImageResult failed(MirrorRequest req, Optional<String> sourceDigest, ImageProgress imageBytes, long start,
                                   ZtpException e) {
            LOG.debug("{}", e.getMessage());
            return new ImageResult(req, ImageResult.Status.FAILED, sourceDigest, Optional.empty(), List.of(),
                    imageBytes.bytes.sum(), elapsed(start), Optional.of(e));
        }

        private boolean selected(Descriptor d) {
            return MirrorEngine.this.selected(d);
        }

        /** Blobs of every image manifest, then the manifests by digest, then the index (if any). */
        private void pushContent(MirrorRequest req, ImageStore src, ImageStore dst, String dstKey,
                                 Manifest index, List<Manifest> manifests, ImageProgress imageBytes, boolean trustJournal)
                throws RegistryException, InterruptedException {
            ImageReference reqSource = source(req.source());
            ImageReference reqDestination = destination(req.destination());
            String srcRepo = src.fullNames() ? reqSource.fullRepository() : reqSource.repository();
            String dstRepo = dst.fullNames() ? reqDestination.fullRepository() : reqDestination.repository();
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            Map<String, Descriptor> unique = new LinkedHashMap<>();
            for (Manifest m : manifests) {
                for (Descriptor d : m.blobs()) {
                    unique.putIfAbsent(d.digest(), d);
                }
            }
            imageBytes.total = unique.values().stream().mapToLong(Descriptor::size).sum();
            long added = 0;
            for (Descriptor d : unique.values()) {
                if (counted.add(d.digest())) {
                    added += d.size();
                }
            }
            if (added > 0) {
                planned.addAndGet(added);
                plannedChanged();
            }
            emit(ProgressEvent.Kind.ADVANCED, STEP_IMAGE, imageBytes.image, imageBytes.bytes.sum(), imageBytes.total, "");
            for (Descriptor d : unique.values()) {
                if (!trustJournal) {
                    journal.forgetBlob(dstKey, d.digest());
                    pending.add(CompletableFuture.runAsync(
                            () -> transfer(src, srcRepo, dst, dstRepo, dstKey, d, null, imageBytes, false), blobs));
                } else {
                    pending.add(ensureBlob(src, srcRepo, dst, dstRepo, dstKey, d, imageBytes));
                }
            }
            await(pending);
            for (Manifest m : manifests) {
                pushManifest(dst, dstRepo, dstKey, m, trustJournal);
            }
            if (index != null) {
                pushManifest(dst, dstRepo, dstKey, index, trustJournal);
            }
        }

        private void pushManifest(ImageStore dst, String dstRepo, String dstKey, Manifest m, boolean trustJournal)
                throws RegistryException, InterruptedException {
            if (trustJournal && journal.hasManifest(dstKey, m.digest())) {
                return;
            }
            dst.putManifest(dstRepo, m.digest(), m);
            journal.recordManifest(dstKey, m.digest());
        }

        private CompletableFuture<Void> ensureBlob(ImageStore src, String srcRepo, ImageStore dst, String dstRepo,
                                                   String dstKey, Descriptor d, ImageProgress imageBytes) {
            String registryKey = dst.host() + "@" + d.digest();
            return perRepo.computeIfAbsent(dstKey + "@" + d.digest(), k -> {
                CompletableFuture<String> mine = new CompletableFuture<>();
                CompletableFuture<String> first = firstUpload.putIfAbsent(registryKey, mine);
                if (first == null) {
                    CompletableFuture<Void> f = CompletableFuture.runAsync(
                            () -> transfer(src, srcRepo, dst, dstRepo, dstKey, d, null, imageBytes, true), blobs);
                    f.whenComplete((v, err) -> {
                        if (err == null) {
                            mine.complete(dstRepo);
                        } else {
                            mine.completeExceptionally(err);
                        }
                    });
                    return f;
                }
                return first.handle((repo, err) -> err == null ? repo : null).thenAcceptAsync(
                        repo -> transfer(src, srcRepo, dst, dstRepo, dstKey, d, repo, imageBytes, true), blobs);
            });
        }

        /** Makes one blob present in one destination repository. Runs on the blob pool. */
        private void transfer(ImageStore src, String srcRepo, ImageStore dst, String dstRepo, String dstKey,
                              Descriptor d, String mountFrom, ImageProgress imageBytes, boolean trustJournal) {
            try {
                if (trustJournal && journal.hasBlob(dstKey, d.digest())) {
                    done(d, "journaled");
                    return;
                }
                if (mountFrom != null && !mountFrom.equals(dstRepo) && dst.mountBlob(dstRepo, d.digest(), mountFrom)) {
                    journal.recordBlob(dstKey, d.digest());
                    done(d, "mounted");
                    return;
                }
                String hint = mountHints.get(d.digest());
                if (mountFrom == null && hint != null && !hint.equals(dstRepo)
                        && dst.mountBlob(dstRepo, d.digest(), hint)) {
                    journal.recordBlob(dstKey, d.digest());
                    done(d, "mounted");
                    return;
                }
                if (dst.blobExists(dstRepo, d.digest())) {
                    journal.recordBlob(dstKey, d.digest());
                    done(d, "present");
                    return;
                }
                if (src.host().equals(dst.host()) && !srcRepo.equals(dstRepo)
                        && dst.mountBlob(dstRepo, d.digest(), srcRepo)) {
                    journal.recordBlob(dstKey, d.digest());
                    done(d, "mounted");
                    return;
                }
                for (int attempt = 1; ; attempt++) {
                    long[] pendingEvent = {0, 0};
                    try (var in = src.openBlob(srcRepo, d, n -> {
                        bytes.addAndGet(n);
                        imageBytes.bytes.add(n);
                        pendingEvent[0] += n;
                        pendingEvent[1] += n;
                        if (pendingEvent[0] >= EVENT_BYTES) {
                            sent(d, pendingEvent[1], imageBytes);
                            pendingEvent[0] = 0;
                        }
                    })) {
                        dst.pushBlob(dstRepo, d, in, chunkSize);
                        if (pendingEvent[0] > 0) {
                            sent(d, pendingEvent[1], imageBytes);
                        }
                        break;
                    } catch (RegistryException e) {
                        boolean retryable = e.kind() == RegistryException.Kind.IO
                                || e.kind() == RegistryException.Kind.PROTOCOL && e.status() >= 500;
                        if (!retryable || attempt >= 3) {
                            throw e;
                        }
                        LOG.info("retrying blob {} to {} after: {}", d.digest(), dstKey, e.getMessage());
                        Thread.sleep(200L * attempt);
                    } catch (java.io.IOException e) {
                        throw new RegistryException(RegistryException.Kind.IO, "closing blob stream failed", e);
                    }
                }
                journal.recordBlob(dstKey, d.digest());
                settled.add(d.digest());
                transferred.incrementAndGet();
                emit(ProgressEvent.Kind.DONE, STEP_BLOB, d.digest(), d.size(), d.size(), "transferred");
            } catch (RegistryException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }

        private void sent(Descriptor d, long blobBytes, ImageProgress image) {
            emit(ProgressEvent.Kind.ADVANCED, STEP_BLOB, d.digest(), blobBytes, d.size(), image.image);
            emit(ProgressEvent.Kind.ADVANCED, STEP_IMAGE, image.image, image.bytes.sum(), image.total, "");
        }

        private void done(Descriptor d, String outcome) {
            skipped.incrementAndGet();
            if (settled.add(d.digest()) && counted.contains(d.digest())) {
                planned.addAndGet(-d.size());   // found at the destination: nothing to send
                plannedChanged();
            }
            emit(ProgressEvent.Kind.SKIPPED, STEP_BLOB, d.digest(), d.size(), d.size(), outcome);
        }

        private void await(List<CompletableFuture<Void>> pending) throws RegistryException, InterruptedException {
            try {
                CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
                    c = c.getCause();
                }
                if (c instanceof RegistryException re) {
                    throw re;
                }
                if (c instanceof InterruptedException ie) {
                    throw ie;
                }
                if (c instanceof ZtpException ze) {
                    throw ze;
                }
                throw new RegistryException(RegistryException.Kind.PROTOCOL, "blob transfer failed: " + c, c);
            }
        }

        void abort() {
            blobs.shutdownNow();
            images.shutdownNow();
        }

        void shutdown() {
            images.shutdownNow();
            blobs.shutdownNow();
            boolean interrupted = Thread.interrupted();
            try {
                if (!blobs.awaitTermination(30, TimeUnit.SECONDS) || !images.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("mirror workers still running after 30 s");
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
