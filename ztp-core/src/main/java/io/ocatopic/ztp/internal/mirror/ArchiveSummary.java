package io.ocatopic.ztp.internal.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocatopic.ztp.ZtpException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 */
public record ArchiveSummary(String id, Optional<String> baseId, Optional<String> baseName, List<Image> images,
                             List<Blob> blobs, List<Volume> volumes) {
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
            JsonNode base = r.path("base");
            return new ArchiveSummary(r.path("id").asText(),
                    base.has("id") ? Optional.of(base.get("id").asText()) : Optional.empty(),
                    base.has("name") ? Optional.of(base.get("name").asText()) : Optional.empty(), images, blobs, volumes);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, where + ": not a mirror summary: " + e.getMessage(), e);
        }
    }

    /** The JSON without id and volumes (what the id covers). */
    static ObjectNode content(Optional<String> baseId, Optional<String> baseName, List<Image> images, List<Blob> blobs) {
        ObjectNode r = OciLayout.JSON.createObjectNode();
        r.put("kind", "ocatopic-mirror-archive");
        r.put("version", 1);
        ObjectNode base = r.putObject("base");
        baseId.ifPresent(v -> base.put("id", v));
        baseName.ifPresent(v -> base.put("name", v));
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
        ObjectNode r = content(baseId, baseName, images, blobs);
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
