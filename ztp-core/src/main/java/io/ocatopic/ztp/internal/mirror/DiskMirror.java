package io.ocatopic.ztp.internal.mirror;

import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.kube.internal.oci.RegistryException;
import io.ocatopic.kube.internal.oci.DigestingInputStream;
import io.ocatopic.ztp.mirror.RegistryMirror.MirrorRequest;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;
import io.ocatopic.ztp.mirror.MirrorResult;

import io.ocatopic.kube.internal.AtomicFiles;

import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.ztp.ZtpException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The disk side of {@link io.ocatopic.ztp.mirror.RegistryMirror}: writing images into an OCI layout directory or archive
 * (checking free space first), and reading one back into a registry (checking a delta's base first).
 */
final class DiskMirror {
    private static final Pattern VOLUME = Pattern.compile("(.*)\\.(\\d{3})$");

    private final MirrorEngine mirror;
    private final Path target;
    private final boolean archive;
    private final long volumeBytes;
    private final Optional<ArchiveSummary> base;
    private final Optional<Path> basePath;
    private final ToLongFunction<Path> freeSpace;
    private final Optional<String> sinceRegistry;
    /** For a delta against a registry: where each blob it holds is (digest to repository), read by {@link #write}. */
    private Map<String, String> siteBlobs = Map.of();

    DiskMirror(MirrorEngine mirror, Path target, boolean archive, long volumeBytes, Optional<Path> since,
               Optional<String> sinceRegistry, ToLongFunction<Path> freeSpace) {
        this.mirror = mirror;
        this.target = target;
        this.archive = archive;
        this.volumeBytes = volumeBytes;
        this.basePath = since;
        this.base = since.map(ArchiveSummary::read);
        this.sinceRegistry = sinceRegistry;
        this.freeSpace = freeSpace;
    }

    /**
     * What a site registry holds, by listing it ({@code /v2/_catalog}, every repository's tags, their manifests
     * and those of their indexes): every blob digest and one repository that has it. Manifests are not counted
     * as held, so a delta against a registry carries every manifest (small) and leaves out only blobs.
     */
    static Map<String, String> listSite(MirrorEngine mirror, String registry) {
        Map<String, String> out = new LinkedHashMap<>();
        RegistryClient c = mirror.client(new ImageReference(registry, "x", Optional.of("x"), Optional.empty()));
        try {
            for (String repo : c.listRepositories()) {
                for (String tag : c.listTags(repo)) {
                    Manifest top = c.getManifest(repo, tag);
                    List<Manifest> ms = new ArrayList<>();
                    ms.add(top);
                    for (Descriptor d : top.children()) {
                        ms.add(c.getManifest(repo, d.digest()));
                    }
                    for (Manifest m : ms) {
                        for (Descriptor b : m.blobs()) {
                            out.putIfAbsent(b.digest(), repo);
                        }
                    }
                }
            }
        } catch (RegistryException e) {
            throw new ZtpException(MirrorEngine.reasonOf(e), "cannot list the site registry " + registry + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZtpException(ZtpException.Reason.CANCELLED, "interrupted while listing " + registry, e);
        }
        return out;
    }

    static Path baseName(Path p) {
        Matcher m = VOLUME.matcher(p.getFileName().toString());
        return m.matches() ? p.resolveSibling(m.group(1)) : p;
    }

    // ------------------------------------------------------------------------------------- writing

    MirrorResult write(Collection<MirrorRequest> requests) {
        if (sinceRegistry.isPresent()) {
            siteBlobs = listSite(mirror, sinceRegistry.get());
        }
        Set<String> held = sinceRegistry.isPresent() ? siteBlobs.keySet()
                : base.map(ArchiveSummary::siteHolds).orElse(Set.of());
        Path dir = archive ? target.resolveSibling(target.getFileName() + ".partial") : target;
        Map<String, Manifest> cache = new HashMap<>();
        long needed = plan(requests, held, dir, cache);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot create " + dir + ": " + e.getMessage(), e);
        }
        long free = freeSpace.applyAsLong(dir);
        if (needed > free) {
            throw new ZtpException(ZtpException.Reason.IO, String.format(java.util.Locale.ROOT,
                    "not enough free space at %s: the mirror needs %.1f MiB, %.1f MiB are free; free space or"
                            + " write to a bigger disk (nothing was written)", dir, needed / 1048576.0, free / 1048576.0));
        }
        OciLayout.Writer w;
        try {
            w = new OciLayout.Writer(dir, held);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot write " + dir + ": " + e.getMessage(), e);
        }
        MirrorResult result = mirror.execute(requests, null, w, Map.of(), cache, false);
        try {
            ArchiveSummary summary = summarize(result, w, held);
            if (archive) {
                List<ArchiveSummary.Volume> volumes = pack(w, summary);
                ArchiveSummary full = summary.withVolumes(volumes);
                AtomicFiles.write(target.resolveSibling(target.getFileName() + ArchiveSummary.SUFFIX),
                        full.toJson(true), false);
                deleteTree(dir);
            } else {
                AtomicFiles.write(dir.resolve(OciLayout.SUMMARY), summary.toJson(false), false);
                AtomicFiles.write(dir.resolveSibling(dir.getFileName() + ArchiveSummary.SUFFIX),
                        summary.toJson(false), false);
            }
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot finish " + target + ": " + e.getMessage(), e);
        }
        return result;
    }

    /** Reads every manifest once; returns the bytes the run will write (blobs not held, not yet written). */
    private long plan(Collection<MirrorRequest> requests, Set<String> held, Path dir, Map<String, Manifest> cache) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        long largest = 0;
        for (MirrorRequest r : requests) {
            try {
                ImageReference rs = MirrorEngine.source(r.source());
                RegistryClient src = mirror.client(rs);
                String repo = rs.repository();
                String digest = rs.digest().orElse(null);
                if (digest == null) {
                    digest = src.headManifest(repo, rs.tag().orElseThrow()).orElse(null);
                }
                if (digest == null) {
                    continue;
                }
                Manifest top = src.getManifest(repo, digest);
                cache.put(src.host() + "/" + repo + "@" + digest, top);
                List<Manifest> ms = new ArrayList<>();
                ms.add(top);
                for (Descriptor d : top.children()) {
                    if (mirror.selected(d)) {
                        Manifest c = src.getManifest(repo, d.digest());
                        cache.put(src.host() + "/" + repo + "@" + d.digest(), c);
                        ms.add(c);
                    }
                }
                for (Manifest m : ms) {
                    sizes.put(m.digest(), (long) m.size());
                    for (Descriptor b : m.blobs()) {
                        sizes.put(b.digest(), b.size());
                    }
                }
            } catch (RuntimeException e) {
                // the run reports this image's failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZtpException(ZtpException.Reason.CANCELLED, "mirror interrupted while planning", e);
            }
        }
        long total = 0;
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            if (!held.contains(e.getKey()) && !Files.exists(dir.resolve(OciLayout.blobPath(e.getKey())))) {
                total += e.getValue();
            }
            largest = Math.max(largest, e.getValue());
        }
        // packing an archive keeps at most one staged blob beside the volumes it is copied into
        return archive ? total + largest + Tar.BLOCK * (3L + 2L * sizes.size()) : total;
    }

    private ArchiveSummary summarize(MirrorResult result, OciLayout.Writer w, Set<String> held) throws IOException {
        List<ArchiveSummary.Image> images = new ArrayList<>();
        Map<String, ArchiveSummary.Blob> blobs = new LinkedHashMap<>();
        Map<String, ArchiveSummary.Mirror> mirrors = new LinkedHashMap<>();
        for (ImageResult i : result.images()) {
            if (!i.ok()) {
                continue;
            }
            String digest = i.digest().orElseThrow();
            ImageReference dest = MirrorEngine.destination(i.request().destination());
            String repo = dest.fullRepository();
            String ref = dest.tag().map(t -> repo + ":" + t).orElse(repo + "@" + digest);
            List<String> manifests = new ArrayList<>();
            manifests.add(digest);
            manifests.addAll(i.childDigests());
            images.add(new ArchiveSummary.Image(ref, digest, manifests));
            ImageReference src = MirrorEngine.source(i.request().source());
            boolean byTag = src.digest().isEmpty() && dest.tag().isPresent();
            mirrors.merge(src.fullRepository(), new ArchiveSummary.Mirror(src.fullRepository(), src.repository(), byTag),
                    (a, b) -> a.byTag() ? a : b);
            for (String md : manifests) {
                Manifest m = w.manifests.get(md);
                if (m == null) {
                    try {
                        m = w.getManifest(repo, md);
                    } catch (RegistryException e) {
                        throw new IOException("manifest " + md + " of " + ref + " is missing", e);
                    }
                }
                add(blobs, md, m.size(), true, held, repo);
                for (Descriptor b : m.blobs()) {
                    add(blobs, b.digest(), b.size(), false, held, repo);
                }
            }
        }
        Optional<String> baseId = sinceRegistry.isPresent() ? sinceRegistry.map(r -> "registry:" + r)
                : base.map(ArchiveSummary::id);
        Optional<String> baseName = sinceRegistry.isPresent() ? sinceRegistry
                : basePath.map(p -> baseName(p).getFileName().toString());
        List<ArchiveSummary.Blob> list = new ArrayList<>(blobs.values());
        Map<String, String> locations = new LinkedHashMap<>();
        list.stream().filter(b -> !b.included() && siteBlobs.containsKey(b.digest()))
                .forEach(b -> locations.put(b.digest(), siteBlobs.get(b.digest())));
        List<ArchiveSummary.Mirror> ms = new ArrayList<>(mirrors.values());
        byte[] content = OciLayout.JSON.writeValueAsBytes(ArchiveSummary.content(baseId, baseName, images, list, ms,
                locations));
        return new ArchiveSummary(DigestingInputStream.digestOf(content), baseId, baseName, images, list, List.of(), ms,
                locations);
    }

    private static void add(Map<String, ArchiveSummary.Blob> blobs, String digest, long size, boolean manifest,
                            Set<String> held, String repo) {
        ArchiveSummary.Blob b = blobs.get(digest);
        List<String> repos = new ArrayList<>(b == null ? List.of() : b.repositories());
        if (!repos.contains(repo)) {
            repos.add(repo);
        }
        blobs.put(digest, new ArchiveSummary.Blob(digest, size, manifest, !held.contains(digest), repos));
    }

    /** Writes the tar: oci-layout, the summary, index.json, then every blob it carries (deleting each staged copy). */
    private List<ArchiveSummary.Volume> pack(OciLayout.Writer w, ArchiveSummary summary) throws IOException {
        Path dir = w.dir();
        for (Path old : existingVolumes(target)) {
            Files.delete(old);
        }
        List<Path> written;
        try (Tar.VolumeWriter out = new Tar.VolumeWriter(target, volumeBytes)) {
            out.entry("oci-layout", OciLayout.layoutFile());
            out.entry(OciLayout.SUMMARY, summary.toJson(false));
            out.entry("index.json", Files.readAllBytes(dir.resolve("index.json")));
            for (ArchiveSummary.Blob b : summary.blobs()) {
                if (b.included()) {
                    Path f = dir.resolve(OciLayout.blobPath(b.digest()));
                    out.entry(OciLayout.blobPath(b.digest()), f);
                    Files.delete(f);
                }
            }
            out.close();
            written = out.volumes();
        }
        List<ArchiveSummary.Volume> vs = new ArrayList<>();
        for (Path p : written) {
            vs.add(new ArchiveSummary.Volume(p.getFileName().toString(), Files.size(p)));
        }
        return vs;
    }

    private static List<Path> existingVolumes(Path base) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(base)) {
            out.add(base);
        }
        for (int i = 1; Files.isRegularFile(Tar.VolumeWriter.volumePath(base, i)); i++) {
            out.add(Tar.VolumeWriter.volumePath(base, i));
        }
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ------------------------------------------------------------------------------------- reading

    /**
     * Opens a layout directory, or an archive from its volumes given in any order (or its first file,
     * the others found beside it), checking them against the summary beside them when there is one.
     */
    static OciLayout.Reader openReader(List<Path> paths) throws IOException {
        if (paths.isEmpty()) {
            throw new ZtpException(ZtpException.Reason.INVALID_SPEC, "no archive or layout given");
        }
        if (paths.size() == 1 && Files.isDirectory(paths.get(0))) {
            return new OciLayout.Reader(paths.get(0).toString(), OciLayout.directory(paths.get(0)));
        }
        Path base = baseName(paths.get(0));
        TreeMap<Integer, Path> byNumber = new TreeMap<>();
        Path single = null;
        for (Path p : paths) {
            if (!baseName(p).equals(base)) {
                throw new ZtpException(ZtpException.Reason.INVALID_SPEC, p + " is not a volume of " + base.getFileName());
            }
            Matcher m = VOLUME.matcher(p.getFileName().toString());
            if (m.matches()) {
                byNumber.put(Integer.parseInt(m.group(2)), p);
            } else {
                single = p;
            }
        }
        if (single != null && byNumber.isEmpty() && !Files.isRegularFile(single)) {
            for (int i = 1; Files.isRegularFile(Tar.VolumeWriter.volumePath(base, i)); i++) {
                byNumber.put(i, Tar.VolumeWriter.volumePath(base, i));
            }
        }
        Path beside = base.resolveSibling(base.getFileName() + ArchiveSummary.SUFFIX);
        Optional<ArchiveSummary> summary = Files.isRegularFile(beside)
                ? Optional.of(ArchiveSummary.parse(Files.readAllBytes(beside), beside.toString())) : Optional.empty();
        List<Path> ordered = new ArrayList<>();
        if (byNumber.isEmpty()) {
            if (single == null || !Files.isRegularFile(single)) {
                throw new ZtpException(ZtpException.Reason.NOT_FOUND, "archive " + base + " not found");
            }
            ordered.add(single);
        } else {
            int expected = summary.map(s -> s.volumes().size()).filter(n -> n > 0).orElse(byNumber.lastKey());
            for (int i = 1; i <= expected; i++) {
                Path p = byNumber.get(i);
                if (p == null || !Files.isRegularFile(p)) {
                    throw new ZtpException(ZtpException.Reason.NOT_FOUND, "volume " + i + " of " + expected + " ("
                            + Tar.VolumeWriter.volumePath(base, i).getFileName() + ") of archive " + base.getFileName()
                            + " is missing; give every volume");
                }
                ordered.add(p);
            }
        }
        if (summary.isPresent()) {
            for (int i = 0; i < summary.get().volumes().size() && i < ordered.size(); i++) {
                ArchiveSummary.Volume v = summary.get().volumes().get(i);
                long size = Files.size(ordered.get(i));
                if (size != v.size()) {
                    throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "volume " + ordered.get(i).getFileName()
                            + " is truncated or altered: " + size + " bytes, the summary records " + v.size()
                            + "; copy it again");
                }
            }
        }
        Tar.VolumeSet set = new Tar.VolumeSet(ordered);
        Map<String, long[]> index;
        try {
            index = set.index();
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, base.getFileName() + ": " + e.getMessage(), e);
        }
        return new OciLayout.Reader(base.getFileName().toString(), OciLayout.tar(set, index));
    }

    /** Pushes a layout or archive into the mirror's destination registry. */
    static MirrorResult push(MirrorEngine mirror, List<Path> paths) {
        OciLayout.Reader reader;
        Optional<ArchiveSummary> summary;
        try {
            reader = openReader(paths);
            Optional<byte[]> inside = reader.file(OciLayout.SUMMARY);
            summary = inside.map(b -> ArchiveSummary.parse(b, paths.get(0).toString()));
        } catch (RegistryException re) {
            throw new ZtpException(MirrorEngine.reasonOf(re), re.getMessage(), re);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot read " + paths.get(0) + ": " + e.getMessage(), e);
        }
        List<MirrorRequest> requests = new ArrayList<>();
        for (String name : reader.refs.keySet()) {
            requests.add(mirror.requestFor(ImageReference.parse(name)));
        }
        Map<String, String> hints = summary.isPresent() && summary.get().baseId().isPresent()
                ? checkBase(mirror, summary.get()) : Map.of();
        return mirror.execute(requests, reader, null, hints, Map.of(), true);
    }

    /** Every blob and manifest a delta leaves out must be at the site already; returns where each is. */
    private static Map<String, String> checkBase(MirrorEngine mirror, ArchiveSummary s) {
        Map<String, String> found = new LinkedHashMap<>();
        try {
            for (ArchiveSummary.Blob b : s.blobs()) {
                if (b.included()) {
                    continue;
                }
                String where = null;
                String firstRepo = null;
                RegistryClient dst = null;
                for (String repo : b.repositories()) {
                    ImageReference d = MirrorEngine.destination(mirror.requestFor(ImageReference.parse(repo + ":x")).destination());
                    dst = mirror.client(d);
                    firstRepo = firstRepo == null ? d.fullRepository() : firstRepo;
                    boolean has = b.manifest() ? dst.headManifest(d.repository(), b.digest()).isPresent()
                            : dst.blobExists(d.repository(), b.digest());
                    if (has) {
                        where = d.repository();
                        break;
                    }
                }
                String listed = s.baseLocations().get(b.digest());
                if (where == null && listed != null) {
                    dst = mirror.client(MirrorEngine.destination(mirror.requestFor(ImageReference.parse("x/x:x")).destination()));
                    if (dst.blobExists(listed, b.digest())) {
                        where = listed;
                    }
                }
                if (where == null) {
                    throw new ZtpException(ZtpException.Reason.NOT_FOUND, "delta " + s.id() + " needs its base "
                            + s.baseName().orElse("?") + " (" + s.baseId().orElseThrow() + ") on the site first: "
                            + firstRepo + " lacks " + (b.manifest() ? "manifest " : "blob ") + b.digest()
                            + "; push the base archive, then this delta (nothing was pushed)");
                }
                found.put(b.digest(), where);
            }
        } catch (RegistryException e) {
            throw new ZtpException(MirrorEngine.reasonOf(e), "cannot check the site for the delta's base: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZtpException(ZtpException.Reason.CANCELLED, "interrupted", e);
        }
        return found;
    }

    static Set<String> digests(Collection<ArchiveSummary.Blob> blobs) {
        Set<String> out = new LinkedHashSet<>();
        blobs.forEach(b -> out.add(b.digest()));
        return out;
    }
}
