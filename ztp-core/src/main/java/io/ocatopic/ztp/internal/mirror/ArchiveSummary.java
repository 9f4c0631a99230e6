package io.ocatopic.ztp.internal.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocatopic.ztp.ZtpException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrorSet;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrorSetBuilder;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrors;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.mirror.MirrorResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a mirror archive or layout holds, readable without unpacking its blobs: every image with its
 * digests, every blob with its size and whether it is in this archive or expected from its base, the
 * base it is a delta against, and its volumes. It is stored inside ({@code ocatopic-summary.json}, the
 * tar's second entry or the layout's file) and beside it ({@code site.tar.summary.json},
 * {@code DIR.summary.json}).
 *
 * <pre>{@code
 * ArchiveSummary s = ArchiveSummary.read(Path.of("site.tar"));     // reads site.tar.summary.json
 * System.out.println(s.images().size() + " images, " + s.includedBytes() + " bytes, base " + s.baseId().orElse("none"));
 * }</pre>
 *
 * @param id the archive's identity ({@code sha256:} of its summary without volumes)
 * @param baseId the id of the archive this is a delta against ({@code registry:HOST} for a registry listing)
 * @param baseName the base's file name or registry
 * @param images the images
 * @param blobs every blob and manifest of the images
 * @param volumes the files the archive was cut into (empty for a layout directory)
 * @param mirrors per source repository, the repository it has on site (below the site registry and prefix) and
 *     whether images went by tag: enough to render the site's ImageDigestMirrorSet and ImageTagMirrorSet
 *     ({@link #imageDigestMirrorSet}, {@link #imageTagMirrorSet}) once the site registry is known
 * @param baseLocations for a delta against a registry listing: where on that registry each left-out blob is
 *     (digest to repository), so the push mounts it from there
 */
public record ArchiveSummary(String id, Optional<String> baseId, Optional<String> baseName, List<Image> images,
                             List<Blob> blobs, List<Volume> volumes, List<Mirror> mirrors,
                             Map<String, String> baseLocations) {
    /** The beside-file suffix. */
    public static final String SUFFIX = ".summary.json";

    /**
     * Copies the lists.
     *
     * @param id the id
     * @param baseId the base id
     * @param baseName the base name
     * @param images images
     * @param blobs blobs
     * @param volumes volumes
     */
    public ArchiveSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(baseId, "baseId");
        Objects.requireNonNull(baseName, "baseName");
        images = List.copyOf(images);
        blobs = List.copyOf(blobs);
        volumes = List.copyOf(volumes);
        mirrors = List.copyOf(mirrors);
        baseLocations = Map.copyOf(baseLocations);
    }

    /**
     * A summary without mirrors and base locations.
     *
     * @param id the id
     * @param baseId the base id
     * @param baseName the base name
     * @param images images
     * @param blobs blobs
     * @param volumes volumes
     */
    public ArchiveSummary(String id, Optional<String> baseId, Optional<String> baseName, List<Image> images,
                          List<Blob> blobs, List<Volume> volumes) {
        this(id, baseId, baseName, images, blobs, volumes, List.of(), Map.of());
    }

    /**
     * A copy with other volumes.
     *
     * @param vs the volumes
     * @return the copy
     */
    public ArchiveSummary withVolumes(List<Volume> vs) {
        return new ArchiveSummary(id, baseId, baseName, images, blobs, vs, mirrors, baseLocations);
    }

    /**
     * Where a source repository goes on site.
     *
     * @param source the source repository, {@code quay.io/org/app}
     * @param repository its repository below the site registry (and prefix), {@code org/app}
     * @param byTag whether images of it were mirrored by tag (then the ImageTagMirrorSet names it too)
     */
    public record Mirror(String source, String repository, boolean byTag) {
    }

    /**
     * The {@code ImageDigestMirrorSet} to apply on site once this archive is pushed to {@code siteRegistry}
     * (under {@code prefix}, as {@code mirrorFrom} puts it).
     *
     * @param name the object's name
     * @param siteRegistry the site registry, {@code HOST[:PORT]}
     * @param prefix the repository prefix at the site, or ""
     * @param policy the source policy
     * @return the object
     */
    public ImageDigestMirrorSet imageDigestMirrorSet(String name, String siteRegistry, String prefix,
                                                     ChassisSpec.Mirror.Policy policy) {
        List<MirrorResult.MirrorMapping> mappings = new ArrayList<>();
        for (Mirror m : mirrors) {
            List<String> digests = images.stream().filter(i -> i.reference().startsWith(m.source() + ":")
                    || i.reference().startsWith(m.source() + "@")).map(Image::digest).toList();
            mappings.add(new MirrorResult.MirrorMapping(m.source(), site(siteRegistry, prefix, m), digests));
        }
        return MirrorMappings.toImageDigestMirrorSet(name, MirrorMappings.merge(mappings), policy);
    }

    /**
     * The {@code ImageTagMirrorSet} for the repositories mirrored by tag (see {@link #imageDigestMirrorSet}).
     *
     * @param name the object's name
     * @param siteRegistry the site registry
     * @param prefix the repository prefix at the site, or ""
     * @param policy the source policy
     * @return the object
     */
    public ImageTagMirrorSet imageTagMirrorSet(String name, String siteRegistry, String prefix,
                                               ChassisSpec.Mirror.Policy policy) {
        Map<String, Set<String>> bySource = new LinkedHashMap<>();
        for (Mirror m : mirrors) {
            if (m.byTag()) {
                bySource.computeIfAbsent(m.source(), k -> new LinkedHashSet<>()).add(site(siteRegistry, prefix, m));
            }
        }
        List<ImageTagMirrors> entries = new ArrayList<>();
        bySource.forEach((source, ms) -> {
            ImageTagMirrors e = new ImageTagMirrors();
            e.setSource(source);
            e.setMirrors(new ArrayList<>(ms));
            e.setMirrorSourcePolicy(policy.apiName());
            entries.add(e);
        });
        return new ImageTagMirrorSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withImageTagMirrors(entries).endSpec().build();
    }

    private static String site(String registry, String prefix, Mirror m) {
        String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        return registry + "/" + (p.isEmpty() ? "" : p + "/") + m.repository();
    }

    /**
     * One image.
     *
     * @param reference its source reference, {@code quay.io/org/app:1.0} or {@code ...@sha256:...}
     * @param digest its top-level digest
     * @param manifests every manifest digest (the top one first, then the platforms of an index)
     */
    public record Image(String reference, String digest, List<String> manifests) {
        /**
         * Copies.
         *
         * @param reference reference
         * @param digest digest
         * @param manifests manifests
         */
        public Image {
            manifests = List.copyOf(manifests);
        }
    }

    /**
     * One blob or manifest.
     *
     * @param digest its digest
     * @param size its size in bytes
     * @param manifest whether it is a manifest
     * @param included whether this archive carries it (otherwise the base brought it to the site)
     * @param repositories the source repositories that use it
     */
    public record Blob(String digest, long size, boolean manifest, boolean included, List<String> repositories) {
        /**
         * Copies.
         *
         * @param digest digest
         * @param size size
         * @param manifest manifest
         * @param included included
         * @param repositories repositories
         */
        public Blob {
            repositories = List.copyOf(repositories);
        }
    }

    /**
     * One volume file.
     *
     * @param name its file name
     * @param size its size in bytes
     */
    public record Volume(String name, long size) {
    }

    /** @return bytes of blobs and manifests this archive carries */
    public long includedBytes() {
        return blobs.stream().filter(Blob::included).mapToLong(Blob::size).sum();
    }

    /** @return bytes of the non-manifest blobs this archive carries */
    public long includedBlobBytes() {
        return blobs.stream().filter(b -> b.included() && !b.manifest()).mapToLong(Blob::size).sum();
    }

    /** @return every digest a site holds once it has applied this archive */
    public Set<String> siteHolds() {
        Set<String> out = new LinkedHashSet<>();
        blobs.forEach(b -> out.add(b.digest()));
        return out;
    }

    /**
     * Reads the summary beside an archive or layout directory, or else the one inside it.
     *
     * @param archive {@code site.tar}, one of its volumes, a layout directory, or a summary file
     * @return the summary
     * @throws ZtpException with {@link ZtpException.Reason#NOT_FOUND} when there is none, or
     *     {@link ZtpException.Reason#MALFORMED_INPUT} when it does not parse
     */
    public static ArchiveSummary read(Path archive) {
        Path p = archive;
        if (!p.getFileName().toString().endsWith(SUFFIX)) {
            Path beside = p.resolveSibling(DiskMirror.baseName(p).getFileName() + SUFFIX);
            if (Files.isRegularFile(beside)) {
                p = beside;
            } else if (Files.isDirectory(archive) && Files.isRegularFile(archive.resolve(OciLayout.SUMMARY))) {
                p = archive.resolve(OciLayout.SUMMARY);
            } else {
                try {
                    Optional<byte[]> inside = DiskMirror.openReader(List.of(archive)).file(OciLayout.SUMMARY);
                    if (inside.isPresent()) {
                        return parse(inside.get(), archive.toString());
                    }
                } catch (IOException | RuntimeException e) {
                    throw new ZtpException(ZtpException.Reason.NOT_FOUND, archive + ": no mirror summary beside or inside it ("
                            + e.getMessage() + ")", e);
                }
                throw new ZtpException(ZtpException.Reason.NOT_FOUND, archive + ": no mirror summary beside or inside it");
            }
        }
        try {
            return parse(Files.readAllBytes(p), p.toString());
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    static ArchiveSummary parse(byte[] bytes, String where) {
        try {
            JsonNode r = OciLayout.JSON.readTree(bytes);
            if (!"ocatopic-mirror-archive".equals(r.path("kind").asText())) {
                throw new IOException("kind is not ocatopic-mirror-archive");
            }
            List<Image> images = new ArrayList<>();
            for (JsonNode i : r.path("images")) {
                List<String> m = new ArrayList<>();
                i.path("manifests").forEach(x -> m.add(x.asText()));
                images.add(new Image(i.path("reference").asText(), i.path("digest").asText(), m));
            }
            List<Blob> blobs = new ArrayList<>();
            for (JsonNode b : r.path("blobs")) {
                List<String> repos = new ArrayList<>();
                b.path("repositories").forEach(x -> repos.add(x.asText()));
                blobs.add(new Blob(b.path("digest").asText(), b.path("size").asLong(), b.path("manifest").asBoolean(),
                        b.path("included").asBoolean(), repos));
            }
            List<Volume> volumes = new ArrayList<>();
            for (JsonNode v : r.path("volumes")) {
                volumes.add(new Volume(v.path("name").asText(), v.path("size").asLong()));
            }
            List<Mirror> mirrors = new ArrayList<>();
            for (JsonNode m : r.path("mirrors")) {
                mirrors.add(new Mirror(m.path("source").asText(), m.path("repository").asText(), m.path("byTag").asBoolean()));
            }
            JsonNode base = r.path("base");
            Map<String, String> locations = new LinkedHashMap<>();
            base.path("locations").fields().forEachRemaining(e -> locations.put(e.getKey(), e.getValue().asText()));
            return new ArchiveSummary(r.path("id").asText(),
                    base.has("id") ? Optional.of(base.get("id").asText()) : Optional.empty(),
                    base.has("name") ? Optional.of(base.get("name").asText()) : Optional.empty(), images, blobs, volumes,
                    mirrors, locations);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, where + ": not a mirror summary: " + e.getMessage(), e);
        }
    }

    /** The JSON without id and volumes (what the id covers). */
    static ObjectNode content(Optional<String> baseId, Optional<String> baseName, List<Image> images, List<Blob> blobs,
                              List<Mirror> mirrors, Map<String, String> baseLocations) {
        ObjectNode r = OciLayout.JSON.createObjectNode();
        r.put("kind", "ocatopic-mirror-archive");
        r.put("version", 1);
        ObjectNode base = r.putObject("base");
        baseId.ifPresent(v -> base.put("id", v));
        baseName.ifPresent(v -> base.put("name", v));
        if (!baseLocations.isEmpty()) {
            ObjectNode loc = base.putObject("locations");
            baseLocations.forEach(loc::put);
        }
        ArrayNode ms = r.putArray("mirrors");
        for (Mirror m : mirrors) {
            ms.addObject().put("source", m.source()).put("repository", m.repository()).put("byTag", m.byTag());
        }
        ArrayNode is = r.putArray("images");
        for (Image i : images) {
            ObjectNode o = is.addObject();
            o.put("reference", i.reference());
            o.put("digest", i.digest());
            i.manifests().forEach(o.putArray("manifests")::add);
        }
        ArrayNode bs = r.putArray("blobs");
        for (Blob b : blobs) {
            ObjectNode o = bs.addObject();
            o.put("digest", b.digest());
            o.put("size", b.size());
            o.put("manifest", b.manifest());
            o.put("included", b.included());
            b.repositories().forEach(o.putArray("repositories")::add);
        }
        return r;
    }

    /** @return the JSON, with or without the volumes */
    byte[] toJson(boolean withVolumes) {
        ObjectNode r = content(baseId, baseName, images, blobs, mirrors, baseLocations);
        r.put("id", id);
        r.put("includedBytes", includedBytes());
        if (withVolumes) {
            ArrayNode vs = r.putArray("volumes");
            volumes.forEach(v -> vs.addObject().put("name", v.name()).put("size", v.size()));
        }
        try {
            return OciLayout.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r).concat("\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
