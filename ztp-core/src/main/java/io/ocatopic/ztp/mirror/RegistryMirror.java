package io.ocatopic.ztp.mirror;

import io.ocatopic.ztp.ZtpException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *         .destination("factory-registry.local:5000", RegistryOptions.tls().withCaBundle(caPem))
 *         .authFile(AuthFile.discover())
 *         .platforms(List.of(Platform.parse("linux/amd64")))
 *         .journal(Path.of("/var/lib/ocatopic/mirror.journal"))
 *         .listener(event -> { })
 *         .build();
 * MirrorResult result = mirror.mirror(List.of(ImageReference.parse("quay.io/org/app:1.0")));
 * ImageDigestMirrorSet idms = result.imageDigestMirrorSet("factory", MirrorSpec.Policy.NEVER_CONTACT_SOURCE);
 * }</pre>
 *
 * <p>Disconnected sites: the destination can be an OCI layout directory ({@link Builder#toDirectory}) or an
 * OCI archive, optionally in volumes ({@link Builder#toArchive}), optionally a delta against the archive the
 * site last received ({@link Builder#since}); {@link #mirrorFrom} pushes one into the site registry. Each
 * archive describes itself ({@link ArchiveSummary}). Free space is checked before anything is written.
 *
 * <pre>{@code
 * RegistryMirror factory = RegistryMirror.builder().authFile(AuthFile.discover())
 *         .toArchive(Path.of("site.tar"), 4L << 30).build();
 * factory.mirror(images);                                  // site.tar.001.., site.tar.summary.json
 * ArchiveSummary.read(Path.of("site.tar")).images();       // check what it holds before shipping
 * MirrorResult pushed = RegistryMirror.builder().destination("site:5000", RegistryOptions.tls())
 *         .journal(Path.of("push.journal")).build().mirrorFrom(List.of(Path.of("site.tar")));
 * pushed.imageDigestMirrorSet("site", MirrorSpec.Policy.NEVER_CONTACT_SOURCE);
 * }</pre>
 *
 * <p>Throughput: the JDK's HTTP client reads sockets in 16 KiB buffers unless the JVM is started with
 * {@code -Djdk.httpclient.bufsize=262144} (or the application sets that property before its first
 * HTTP request); the larger buffers are worth about 10% on a large mirror, and the {@code ocatopic}
 * command sets them. The SDK itself never changes JVM-wide properties.
 */
public final class RegistryMirror {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryMirror.class);
    private static final long EVENT_BYTES = 1 << 20;

    private final String destination;
    private final String prefix;
    private final Map<String, RegistryOptions> registries;
    private final AuthFile authFile;
    private final List<Platform> platforms;
    private final int parallelism;
    private final long chunkSize;
    private final Optional<MirrorJournal> journal;
    private final Optional<Path> journalFile;
    private final MirrorListener listener;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
    private final DiskMirror disk;

    private RegistryMirror(Builder b) {
        this.destination = b.destination;
        this.prefix = b.prefix;
        this.registries = Map.copyOf(b.registries);
        this.authFile = b.authFile;
        this.platforms = List.copyOf(b.platforms);
        this.parallelism = b.parallelism;
        this.chunkSize = b.chunkSize;
        this.journal = b.journal;
        this.journalFile = b.journalFile;
        this.listener = b.listener;
        this.disk = b.diskTarget == null ? null : new DiskMirror(this, b.diskTarget, b.archive, b.volumeBytes, b.since,
                b.freeSpace);
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
        if (destination == null) {
            throw new ZtpException(ZtpException.Reason.INVALID_SPEC, "no destination registry set");
        }
        return DiskMirror.push(this, archive);
    }

    boolean selected(Descriptor d) {
        if (platforms.isEmpty()) {
            return true;
        }
        return d.platform().map(p -> platforms.stream().anyMatch(w -> w.matches(p))).orElse(false);
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
     * a digest reference, by digest only).
     *
     * @param source the source image
     * @return the request
     * @throws ZtpException with {@link ZtpException.Reason#INVALID_SPEC} when no destination was set
     */
    public MirrorRequest requestFor(ImageReference source) {
        if (disk != null) {
            return new MirrorRequest(source, new ImageReference(source.registry(), source.repository(),
                    source.digest().isPresent() ? Optional.empty() : source.tag(), Optional.empty()));
        }
        if (destination == null) {
            throw new ZtpException(ZtpException.Reason.INVALID_SPEC, "no destination registry set");
        }
        String repo = prefix.isEmpty() ? source.repository() : prefix + "/" + source.repository();
        ImageReference dest = new ImageReference(destination, repo, source.digest().isPresent() ? Optional.empty()
                : source.tag(), Optional.empty());
        return new MirrorRequest(source, dest);
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
    MirrorResult execute(Collection<MirrorRequest> requests, ImageStore source, ImageStore sink,
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

    RegistryClient client(ImageReference ref) {
        RegistryOptions o = registries.getOrDefault(ref.registry(), RegistryOptions.tls());
        Optional<RegistryCredentials> creds = o.credentials().or(() -> authFile.lookup(ref));
        RegistryOptions effective = new RegistryOptions(o.plainHttp(), o.caBundle(), creds);
        String key = ref.apiHost() + "|" + creds.map(c -> c.username() + "|" + Integer.toHexString(c.password().hashCode()))
                .orElse("");
        return clients.computeIfAbsent(key, k -> {
            try {
                return RegistryClient.create(ref.apiHost(), effective);
            } catch (RegistryException e) {
                throw new ZtpException(ZtpException.Reason.INVALID_SPEC, e.getMessage(), e);
            }
        });
    }

    private void emit(MirrorEvent e) {
        try {
            listener.on(e);
        } catch (RuntimeException ex) {
            LOG.warn("mirror listener failed on {}: {}", e.getClass().getSimpleName(), ex.toString());
        }
    }

    static ZtpException.Reason reasonOf(RegistryException e) {
        switch (e.kind()) {
            case UNAUTHORIZED:
                return ZtpException.Reason.REGISTRY_UNAUTHORIZED;
            case NOT_FOUND:
                return ZtpException.Reason.NOT_FOUND;
            case DIGEST_MISMATCH:
                return ZtpException.Reason.DIGEST_MISMATCH;
            case IO:
                return ZtpException.Reason.UNREACHABLE;
            default:
                return ZtpException.Reason.REGISTRY_ERROR;
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
            emit(new MirrorEvent.ImageStarted(req));
            LongAdder imageBytes = new LongAdder();
            Optional<String> sourceDigest = Optional.empty();
            ImageResult result;
            try {
                ImageStore src = source != null ? source : client(req.source());
                ImageStore dst = sink != null ? sink : client(req.destination());
                String srcRepo = src.fullNames() ? req.source().fullRepository() : req.source().repository();
                String dstRepo = dst.fullNames() ? req.destination().fullRepository() : req.destination().repository();
                String dstKey = req.destination().fullRepository();
                String digest = req.source().digest().orElse(null);
                if (digest == null) {
                    digest = src.headManifest(srcRepo, req.source().tag().orElseThrow()).orElseThrow(() ->
                            new RegistryException(RegistryException.Kind.NOT_FOUND, 404, "no manifest " + req.source()));
                }
                sourceDigest = Optional.of(digest);
                Optional<String> tag = req.destination().tag();
                Optional<String> expected = platforms.isEmpty() ? Optional.of(digest)
                        : journal.tagDigest(dstKey, tag.orElse("-"), digest);
                if (expected.isPresent()) {
                    Optional<String> current = dst.headManifest(dstRepo, tag.orElse(expected.get()));
                    if (current.equals(expected)) {
                        result = new ImageResult(req, ImageResult.Status.UNCHANGED, sourceDigest, expected, List.of(),
                                0, elapsed(start), Optional.empty());
                        emit(new MirrorEvent.ImageDone(result));
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
                                req.source() + " has no manifest for platforms " + platforms);
                    }
                    if (wanted.size() != all.size()) {
                        toPush = top.filterChildren(wanted.stream().map(Descriptor::digest).toList());
                    }
                    for (Descriptor d : wanted) {
                        Manifest child = manifest(src, srcRepo, dst, dstRepo, d.digest());
                        if (child.isIndex()) {
                            throw new RegistryException(RegistryException.Kind.UNSUPPORTED, 0,
                                    "nested index " + d.digest() + " in " + req.source());
                        }
                        children.add(child);
                    }
                } else {
                    children.add(top);
                }
                try {
                    pushContent(req, src, dst, dstKey, top.isIndex() ? toPush : null, children, imageBytes, true);
                } catch (RegistryException e) {
                    if (e.kind() != RegistryException.Kind.MISSING_REFERENCE) {
                        throw e;
                    }
                    LOG.info("destination lacks content the journal records for {}; checking blob by blob", req);
                    pushContent(req, src, dst, dstKey, top.isIndex() ? toPush : null, children, imageBytes, false);
                }
                if (tag.isPresent()) {
                    dst.putManifest(dstRepo, tag.get(), toPush);
                    journal.recordTag(dstKey, tag.get(), digest, toPush.digest());
                } else {
                    dst.reference(dstRepo, toPush);
                }
                List<String> childDigests = top.isIndex() ? children.stream().map(Manifest::digest).toList() : List.of();
                result = new ImageResult(req, ImageResult.Status.MIRRORED, sourceDigest, Optional.of(toPush.digest()),
                        childDigests, imageBytes.sum(), elapsed(start), Optional.empty());
            } catch (RegistryException e) {
                result = failed(req, sourceDigest, imageBytes, start,
                        new ZtpException(reasonOf(e), "mirror " + req + " failed: " + e.getMessage(), e));
            } catch (ZtpException e) {
                result = failed(req, sourceDigest, imageBytes, start, e);
            }
            emit(new MirrorEvent.ImageDone(result));
            return result;
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

        private ImageResult failed(MirrorRequest req, Optional<String> sourceDigest, LongAdder imageBytes, long start,
                                   ZtpException e) {
            LOG.debug("{}", e.getMessage());
            return new ImageResult(req, ImageResult.Status.FAILED, sourceDigest, Optional.empty(), List.of(),
                    imageBytes.sum(), elapsed(start), Optional.of(e));
        }

        private boolean selected(Descriptor d) {
            return RegistryMirror.this.selected(d);
        }

        /** Blobs of every image manifest, then the manifests by digest, then the index (if any). */
        private void pushContent(MirrorRequest req, ImageStore src, ImageStore dst, String dstKey,
                                 Manifest index, List<Manifest> manifests, LongAdder imageBytes, boolean trustJournal)
                throws RegistryException, InterruptedException {
            String srcRepo = src.fullNames() ? req.source().fullRepository() : req.source().repository();
            String dstRepo = dst.fullNames() ? req.destination().fullRepository() : req.destination().repository();
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            Map<String, Descriptor> unique = new LinkedHashMap<>();
            for (Manifest m : manifests) {
                for (Descriptor d : m.blobs()) {
                    unique.putIfAbsent(d.digest(), d);
                }
            }
            for (Descriptor d : unique.values()) {
                emit(new MirrorEvent.BlobQueued(dstKey, d.digest(), d.size()));
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
                                                   String dstKey, Descriptor d, LongAdder imageBytes) {
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
                              Descriptor d, String mountFrom, LongAdder imageBytes, boolean trustJournal) {
            try {
                if (trustJournal && journal.hasBlob(dstKey, d.digest())) {
                    done(dstKey, d, MirrorEvent.BlobOutcome.JOURNALED);
                    return;
                }
                if (mountFrom != null && !mountFrom.equals(dstRepo) && dst.mountBlob(dstRepo, d.digest(), mountFrom)) {
                    journal.recordBlob(dstKey, d.digest());
                    done(dstKey, d, MirrorEvent.BlobOutcome.MOUNTED);
                    return;
                }
                String hint = mountHints.get(d.digest());
                if (mountFrom == null && hint != null && !hint.equals(dstRepo)
                        && dst.mountBlob(dstRepo, d.digest(), hint)) {
                    journal.recordBlob(dstKey, d.digest());
                    done(dstKey, d, MirrorEvent.BlobOutcome.MOUNTED);
                    return;
                }
                if (dst.blobExists(dstRepo, d.digest())) {
                    journal.recordBlob(dstKey, d.digest());
                    done(dstKey, d, MirrorEvent.BlobOutcome.PRESENT);
                    return;
                }
                if (src.host().equals(dst.host()) && !srcRepo.equals(dstRepo)
                        && dst.mountBlob(dstRepo, d.digest(), srcRepo)) {
                    journal.recordBlob(dstKey, d.digest());
                    done(dstKey, d, MirrorEvent.BlobOutcome.MOUNTED);
                    return;
                }
                for (int attempt = 1; ; attempt++) {
                    long[] pendingEvent = {0};
                    try (var in = src.openBlob(srcRepo, d, n -> {
                        bytes.addAndGet(n);
                        imageBytes.add(n);
                        pendingEvent[0] += n;
                        if (pendingEvent[0] >= EVENT_BYTES) {
                            emit(new MirrorEvent.BytesSent(d.digest(), pendingEvent[0]));
                            pendingEvent[0] = 0;
                        }
                    })) {
                        dst.pushBlob(dstRepo, d, in, chunkSize);
                        if (pendingEvent[0] > 0) {
                            emit(new MirrorEvent.BytesSent(d.digest(), pendingEvent[0]));
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
                transferred.incrementAndGet();
                emit(new MirrorEvent.BlobDone(dstKey, d.digest(), d.size(), MirrorEvent.BlobOutcome.TRANSFERRED));
            } catch (RegistryException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }

        private void done(String dstKey, Descriptor d, MirrorEvent.BlobOutcome outcome) {
            skipped.incrementAndGet();
            emit(new MirrorEvent.BlobDone(dstKey, d.digest(), d.size(), outcome));
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

    /** Builds a {@link RegistryMirror}; every setting except the destination has a default. */
    public static final class Builder {
        private String destination;
        private String prefix = "";
        private final Map<String, RegistryOptions> registries = new LinkedHashMap<>();
        private AuthFile authFile = AuthFile.empty();
        private List<Platform> platforms = List.of();
        private int parallelism = 8;
        private long chunkSize;
        private Optional<MirrorJournal> journal = Optional.empty();
        private Optional<Path> journalFile = Optional.empty();
        private MirrorListener listener = MirrorListener.NONE;
        private Path diskTarget;
        private boolean archive;
        private long volumeBytes;
        private Optional<Path> since = Optional.empty();
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
         */
        public Builder destination(String registry, RegistryOptions options) {
            this.destination = Objects.requireNonNull(registry, "registry");
            registries.put(registry, Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * A repository prefix at the destination ({@code mirror} puts {@code org/app} at
         * {@code mirror/org/app}); none by default.
         *
         * @param repositoryPrefix the prefix, without slashes at either end
         * @return this builder
         */
        public Builder destinationPrefix(String repositoryPrefix) {
            this.prefix = Objects.requireNonNull(repositoryPrefix, "repositoryPrefix").replaceAll("^/+|/+$", "");
            return this;
        }

        /**
         * How to reach a source registry (default: verified TLS, credentials from the auth file).
         *
         * @param registry the registry name as in image references ({@code docker.io}, {@code quay.io:443})
         * @param options TLS and credentials
         * @return this builder
         */
        public Builder registry(String registry, RegistryOptions options) {
            registries.put(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * Credentials for registries without explicit ones (default: none, anonymous).
         *
         * @param file the auth file, for example {@link AuthFile#discover()}
         * @return this builder
         */
        public Builder authFile(AuthFile file) {
            this.authFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The platforms to copy from indexes (default: all, index digests kept). With a subset the
         * destination gets a reduced index, which has a new digest.
         *
         * @param selected the platforms
         * @return this builder
         */
        public Builder platforms(List<Platform> selected) {
            this.platforms = List.copyOf(selected);
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
            this.journal = Optional.empty();
            return this;
        }

        /**
         * A journal the caller opened and closes.
         *
         * @param j the journal
         * @return this builder
         */
        public Builder journal(MirrorJournal j) {
            this.journal = Optional.of(j);
            this.journalFile = Optional.empty();
            return this;
        }

        /**
         * Receives progress events (default: none).
         *
         * @param l the listener, thread-safe
         * @return this builder
         */
        public Builder listener(MirrorListener l) {
            this.listener = Objects.requireNonNull(l, "l");
            return this;
        }

        /**
         * Builds the mirror.
         *
         * @return the mirror
         */
        public RegistryMirror build() {
            return new RegistryMirror(this);
        }
    }
}
