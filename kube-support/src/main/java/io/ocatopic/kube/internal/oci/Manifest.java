package io.ocatopic.kube.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocatopic.kube.internal.Mappers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A manifest exactly as a registry serves it (the bytes are what the digest covers), with
 * accessors for what it references.
 *
 * <p>Media types follow the OCI image spec (image-spec/media-types.md) and Docker's image manifest
 * v2 schema 2 (distribution/docs/spec/manifest-v2-2.md). Schema 1 manifests are not handled.
 *
 * <pre>{@code
 * Manifest m = client.getManifest("org/app", "1.0");
 * if (m.isIndex()) { m.children(); } else { m.blobs(); }
 * }</pre>
 *
 * @param mediaType the media type
 * @param bytes the raw bytes (defensively copied)
 * @param digest the SHA-256 digest of the bytes
 */
public record Manifest(String mediaType, byte[] bytes, String digest) {
    /** OCI image index. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker manifest list. */
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** Docker image manifest, schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** The media types this package handles, in the order of the Accept header. */
    public static final List<String> SUPPORTED = List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    private static final ObjectMapper JSON = Mappers.json();

    /**
     * Validates and copies.
     *
     * @param mediaType the media type
     * @param bytes the raw bytes
     * @param digest the digest
     */
    public Manifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        bytes = bytes.clone();
    }

    /**
     * A manifest from its bytes, computing the digest; the media type comes from the JSON's
     * {@code mediaType} field when the given one is blank or generic.
     *
     * @param mediaType the Content-Type the registry sent, or blank
     * @param bytes the raw bytes
     * @return the manifest
     * @throws RegistryException when the media type is unsupported or the JSON is malformed
     */
    public static Manifest of(String mediaType, byte[] bytes) throws RegistryException {
        // the parameters after ';' are dropped (";".split(";") is empty, so no split)
        int semicolon = mediaType == null ? -1 : mediaType.indexOf(';');
        String type = mediaType == null ? "" : (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim();
        if (!SUPPORTED.contains(type)) {
            JsonNode root = parse(bytes);
            JsonNode declared = root.get("mediaType");
            if (declared != null && SUPPORTED.contains(declared.asText())) {
                type = declared.asText();
            } else if (root.has("manifests")) {
                type = OCI_INDEX;
            } else if (root.has("layers") && root.has("config")) {
                type = OCI_MANIFEST;
            } else {
                throw new RegistryException(RegistryException.Kind.UNSUPPORTED, 0,
                        "unsupported manifest media type " + (type.isEmpty() ? "(none)" : type));
            }
        }
        return new Manifest(type, bytes, DigestingInputStream.digestOf(bytes));
    }

    /**
     * The raw bytes, exactly as the digest covers them.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the size in bytes */
    public int size() {
        return bytes.length;
    }

    /** @return whether this is an index or manifest list */
    public boolean isIndex() {
        return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
    }

    /**
     * The config and layer blobs of an image manifest, config first.
     *
     * @return the blob descriptors (empty for an index)
     * @throws RegistryException when the JSON is malformed
     */
    public List<Descriptor> blobs() throws RegistryException {
        if (isIndex()) {
            return List.of();
        }
        JsonNode root = parse(bytes);
        List<Descriptor> out = new ArrayList<>();
        out.add(descriptor(root.get("config")));
        JsonNode layers = root.get("layers");
        if (layers != null) {
            for (JsonNode l : layers) {
                if (l.has("urls") && l.get("urls").size() > 0) {
                    continue; // foreign (non-distributable) layers are fetched from their URLs, not mirrored
                }
                out.add(descriptor(l));
            }
        }
        return out;
    }

    /**
     * The entries of an index or manifest list.
     *
     * @return the child manifest descriptors (empty for an image manifest)
     * @throws RegistryException when the JSON is malformed
     */
    public List<Descriptor> children() throws RegistryException {
        if (!isIndex()) {
            return List.of();
        }
        List<Descriptor> out = new ArrayList<>();
        JsonNode manifests = parse(bytes).get("manifests");
        if (manifests != null) {
            for (JsonNode m : manifests) {
                out.add(descriptor(m));
            }
        }
        return out;
    }

    /**
     * An index with only the entries whose digests are given, serialized anew (so with a new digest).
     *
     * @param keep the child digests to keep
     * @return the filtered index
     * @throws RegistryException when this is not an index or the JSON is malformed
     */
    public Manifest filterChildren(Collection<String> keep) throws RegistryException {
        if (!isIndex()) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, 0, "not an index: " + digest);
        }
        Set<String> wanted = Set.copyOf(keep);
        ObjectNode root = (ObjectNode) parse(bytes);
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode m : root.path("manifests")) { // an index without manifests keeps none
            if (wanted.contains(m.path("digest").asText())) {
                kept.add(m);
            }
        }
        root.set("manifests", kept);
        try {
            return of(mediaType, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, "cannot serialize index", e);
        }
    }

    private static Descriptor descriptor(JsonNode d) throws RegistryException {
        if (d == null || !d.has("digest") || !d.has("size")) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, 0, "manifest descriptor without digest or size");
        }
        String digest = d.get("digest").asText();
        if (!digest.startsWith("sha256:")) {
            throw new RegistryException(RegistryException.Kind.UNSUPPORTED, 0, "unsupported digest algorithm: " + digest);
        }
        try {
            Optional<Platform> platform = Optional.empty();
            JsonNode p = d.get("platform");
            if (p != null && p.has("os") && p.has("architecture")) {
                // inside the try: a blank os or architecture is the registry's bad descriptor, not ours
                platform = Optional.of(new Platform(p.get("os").asText(), p.get("architecture").asText(),
                        Optional.ofNullable(p.get("variant")).map(JsonNode::asText).filter(s -> !s.isEmpty())));
            }
            return new Descriptor(d.path("mediaType").asText(""), digest, d.get("size").asLong(), platform);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, "bad descriptor: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(byte[] bytes) throws RegistryException {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, 0, "manifest is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, "manifest is not valid JSON", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && m.mediaType.equals(mediaType) && m.digest.equals(digest)
                && Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
    }
}
