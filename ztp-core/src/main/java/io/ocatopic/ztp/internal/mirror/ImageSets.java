package io.ocatopic.ztp.internal.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.UserFiles;
import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.kube.internal.oci.RegistryException;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.FieldReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * oc-mirror v2's {@code ImageSetConfiguration} ({@code mirror.openshift.io/v2alpha1}) as the list of images to
 * mirror: {@code mirror.additionalImages[].name}; {@code mirror.platform.release} by pullspec (the release image and
 * every component its {@code release-manifests/image-references} names); {@code mirror.operators[]} (the catalog
 * image, and every bundle of the chosen packages, optionally narrowed to channels: the bundle image and its
 * {@code relatedImages}, read from the file-based catalog under {@code /configs}). oc-mirror fields ocatopic does
 * not implement are refused as "not supported", naming the field; unknown fields are refused with their path.
 */
public final class ImageSets {
    /** The apiVersion read. */
    public static final String API_VERSION = "mirror.openshift.io/v2alpha1";
    /** The image-references file inside a release image. */
    static final String IMAGE_REFERENCES = "release-manifests/image-references";
    private static final long MAX_FILE = 64L << 20;
    private static final long MAX_FILES = 512L << 20;

    private ImageSets() {
    }

    /**
     * One operator catalog and its chosen packages.
     *
     * @param catalog the catalog image
     * @param packages the packages
     */
    public record Operator(String catalog, List<Package> packages) {
        /**
         * Copies.
         *
         * @param catalog catalog
         * @param packages packages
         */
        public Operator {
            packages = List.copyOf(packages);
        }
    }

    /**
     * A package and, optionally, its chosen channels (none: every bundle).
     *
     * @param name the package name
     * @param channels the channel names
     */
    public record Package(String name, List<String> channels) {
        /**
         * Copies.
         *
         * @param name name
         * @param channels channels
         */
        public Package {
            channels = List.copyOf(channels);
        }
    }

    /**
     * A parsed, validated image set.
     *
     * @param additionalImages the additional images
     * @param release the release pullspec, if any
     * @param operators the operator catalogs
     */
    public record Config(List<String> additionalImages, Optional<String> release, List<Operator> operators) {
        /**
         * Copies.
         *
         * @param additionalImages images
         * @param release release
         * @param operators operators
         */
        public Config {
            additionalImages = List.copyOf(additionalImages);
            operators = List.copyOf(operators);
        }
    }

    /**
     * Parses and validates an image set configuration, collecting every problem.
     *
     * @param text the YAML or JSON text
     * @return the configuration
     * @throws ZtpException {@code MALFORMED_INPUT} when it is not YAML/JSON (duplicate keys with their path),
     *     {@code INVALID_SPEC} with every problem (unknown fields, fields not supported, missing names)
     */
    public static Config parse(String text) {
        JsonNode root;
        try {
            root = UserFiles.yaml().readTree(text);
        } catch (IOException e) {
            Problem p = UserFiles.problem(e, "ImageSetConfiguration");
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "ImageSetConfiguration: " + p, null);
        }
        if (root == null || !root.isObject()) {
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "ImageSetConfiguration: the file is not a YAML/JSON map");
        }
        FieldReader r = new FieldReader();
        check(r, root, "", Set.of("apiVersion", "kind", "metadata", "mirror"),
                Map.of("archiveSize", "use the archive's volume size (--volume-size)", "storageConfig",
                        "a v1alpha2 field; v2alpha1 has none", "delete", "deleting images is not supported"));
        String api = r.str(root, "", "apiVersion");
        if (!API_VERSION.equals(api)) {
            r.problem("apiVersion", api == null ? "required: " + API_VERSION
                    : "\"" + api + "\" is not supported: ocatopic reads " + API_VERSION);
        }
        String kind = r.str(root, "", "kind");
        if (!"ImageSetConfiguration".equals(kind)) {
            r.problem("kind", kind == null ? "required: ImageSetConfiguration" : "must be ImageSetConfiguration");
        }
        List<String> additional = new ArrayList<>();
        Optional<String> release = Optional.empty();
        List<Operator> operators = new ArrayList<>();
        JsonNode mirror = r.object(root, "", "mirror");
        if (mirror == null) {
            r.problem("mirror", "required: what to mirror (additionalImages, platform.release, operators)");
        } else {
            check(r, mirror, "mirror", Set.of("platform", "operators", "additionalImages"),
                    Map.of("helm", "Helm charts are not supported", "blockedImages", "blocking images is not supported",
                            "samples", "samples are not supported"));
            int i = 0;
            for (JsonNode a : list(r, mirror, "mirror", "additionalImages")) {
                String path = "mirror.additionalImages[" + i++ + "]";
                check(r, a, path, Set.of("name"), Map.of());
                image(r, a, path, "name").ifPresent(additional::add);
            }
            JsonNode platform = r.object(mirror, "mirror", "platform");
            if (platform != null) {
                check(r, platform, "mirror.platform", Set.of("release"), Map.of(
                        "channels", "release channels need the update graph; give the release by pullspec (platform.release)",
                        "graph", "the update graph image is not supported",
                        "architectures", "choose platforms with the mirror's platforms (--platform)",
                        "kubeVirtContainer", "the KubeVirt container is not supported"));
                release = image(r, platform, "mirror.platform", "release");
                if (release.isEmpty() && platform.get("release") == null) {
                    r.problem("mirror.platform.release", "required: the release image's pullspec");
                }
            }
            i = 0;
            for (JsonNode o : list(r, mirror, "mirror", "operators")) {
                String path = "mirror.operators[" + i++ + "]";
                check(r, o, path, Set.of("catalog", "packages"), Map.of(
                        "full", "ocatopic mirrors the chosen packages only", "targetCatalog", "renaming the catalog is not supported",
                        "targetTag", "renaming the catalog is not supported",
                        "targetCatalogSourceTemplate", "catalog source templates are not supported",
                        "skipDependencies", "dependency resolution is not supported (list every package)"));
                Optional<String> catalog = image(r, o, path, "catalog");
                if (catalog.isEmpty() && o.get("catalog") == null) {
                    r.problem(path + ".catalog", "required: the catalog image");
                }
                List<Package> packages = new ArrayList<>();
                int j = 0;
                for (JsonNode p : list(r, o, path, "packages")) {
                    String pp = path + ".packages[" + j++ + "]";
                    check(r, p, pp, Set.of("name", "channels"), Map.of(
                            "minVersion", "version ranges are not supported", "maxVersion", "version ranges are not supported",
                            "bundles", "choosing bundles is not supported (choose channels)",
                            "defaultChannel", "overriding the default channel is not supported"));
                    String name = r.str(p, pp, "name");
                    if (name == null || name.isBlank()) {
                        r.problem(pp + ".name", "required: the package name");
                    }
                    List<String> channels = new ArrayList<>();
                    int k = 0;
                    for (JsonNode c : list(r, p, pp, "channels")) {
                        String cp = pp + ".channels[" + k++ + "]";
                        check(r, c, cp, Set.of("name"), Map.of("minVersion", "version ranges are not supported",
                                "maxVersion", "version ranges are not supported"));
                        String cn = r.str(c, cp, "name");
                        if (cn == null || cn.isBlank()) {
                            r.problem(cp + ".name", "required: the channel name");
                        } else {
                            channels.add(cn);
                        }
                    }
                    if (name != null && !name.isBlank()) {
                        packages.add(new Package(name, channels));
                    }
                }
                if (o.isObject() && o.get("packages") == null) {
                    r.problem(path + ".packages", "required: ocatopic mirrors the chosen packages of a catalog"
                            + " (a whole catalog is not supported)");
                }
                catalog.ifPresent(c -> operators.add(new Operator(c, packages)));
            }
            if (additional.isEmpty() && release.isEmpty() && operators.isEmpty() && r.problems().isEmpty()) {
                r.problem("mirror", "names no image: give additionalImages, platform.release or operators");
            }
        }
        if (!r.problems().isEmpty()) {
            throw ZtpException.invalid(r.problems());
        }
        return new Config(additional, release, operators);
    }

    private static void check(FieldReader r, JsonNode obj, String path, Set<String> supported, Map<String, String> notSupported) {
        if (!obj.isObject()) {
            r.problem(path, "must be a map");
            return;
        }
        Set<String> known = new LinkedHashSet<>(supported);
        known.addAll(notSupported.keySet());
        r.known(obj, path, known);
        notSupported.forEach((f, why) -> {
            if (obj.has(f)) {
                r.problem(FieldReader.join(path, f), "not supported by ocatopic: " + why);
            }
        });
    }

    private static List<JsonNode> list(FieldReader r, JsonNode obj, String path, String f) {
        JsonNode n = obj.isObject() ? obj.get(f) : null;
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            r.problem(FieldReader.join(path, f), "must be a list");
            return out;
        }
        n.forEach(out::add);
        return out;
    }

    private static Optional<String> image(FieldReader r, JsonNode obj, String path, String f) {
        if (!obj.isObject()) {
            return Optional.empty();
        }
        String s = r.str(obj, path, f);
        if (s == null) {
            return Optional.empty();
        }
        try {
            ImageReference.parse(s);
            return Optional.of(s.strip());
        } catch (IllegalArgumentException e) {
            r.problem(FieldReader.join(path, f), "not an image reference: " + e.getMessage());
            return Optional.empty();
        }
    }

    // --------------------------------------------------------------------------------------- resolving

    /**
     * Every image the configuration names, reading the release and catalog images' layers from their
     * registries (nothing is written): the additional images, the release image then its components, and for
     * each catalog the catalog image then each chosen bundle's image and related images; no image twice.
     *
     * @param c the configuration
     * @param engine the mirror, for its registry settings and platforms
     * @return the source images
     * @throws ZtpException {@code INVALID_SPEC} for a package or channel the catalog lacks, {@code NOT_FOUND}
     *     for a release without image-references, {@code MALFORMED_INPUT} for an unreadable catalog, or the
     *     registry's failure
     */
    public static List<String> images(Config c, MirrorEngine engine) {
        Set<String> out = new LinkedHashSet<>(c.additionalImages());
        try {
            if (c.release().isPresent()) {
                out.add(c.release().get());
                out.addAll(releaseComponents(engine, c.release().get()));
            }
            List<Problem> problems = new ArrayList<>();
            for (int i = 0; i < c.operators().size(); i++) {
                Operator o = c.operators().get(i);
                out.add(o.catalog());
                out.addAll(operatorImages(engine, o, "mirror.operators[" + i + "]", problems));
            }
            if (!problems.isEmpty()) {
                throw ZtpException.invalid(problems);
            }
        } catch (RegistryException e) {
            throw new ZtpException(MirrorEngine.reasonOf(e), "reading the image set: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZtpException(ZtpException.Reason.CANCELLED, "interrupted while reading the image set", e);
        }
        return List.copyOf(out);
    }

    static List<String> releaseComponents(MirrorEngine engine, String release) throws RegistryException, InterruptedException {
        Map<String, byte[]> files = files(engine, release, IMAGE_REFERENCES::equals);
        byte[] refs = files.get(IMAGE_REFERENCES);
        if (refs == null) {
            throw new ZtpException(ZtpException.Reason.NOT_FOUND, "release " + release + " holds no " + IMAGE_REFERENCES
                    + ": is it an OpenShift release image?");
        }
        JsonNode is;
        try {
            is = UserFiles.json().readTree(refs);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, release + ": " + IMAGE_REFERENCES + ": "
                    + UserFiles.problem(e, IMAGE_REFERENCES), null);
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode t : is.path("spec").path("tags")) {
            String name = t.path("from").path("name").asText("");
            if (name.isEmpty()) {
                throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, release + ": " + IMAGE_REFERENCES
                        + ": spec.tags[" + i + "].from.name is missing");
            }
            try {
                ImageReference.parse(name);
            } catch (IllegalArgumentException e) {
                throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, release + ": " + IMAGE_REFERENCES
                        + ": spec.tags[" + i + "].from.name: " + e.getMessage(), e);
            }
            out.add(name);
            i++;
        }
        return out;
    }

    static List<String> operatorImages(MirrorEngine engine, Operator o, String path, List<Problem> problems)
            throws RegistryException, InterruptedException {
        Map<String, byte[]> files = files(engine, o.catalog(), n -> n.startsWith("configs/")
                && (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml")));
        Map<String, Map<String, JsonNode>> bundles = new LinkedHashMap<>();   // package -> name -> bundle
        Map<String, Map<String, List<String>>> channels = new LinkedHashMap<>();   // package -> channel -> bundles
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            for (JsonNode d : documents(o.catalog(), f.getKey(), f.getValue())) {
                String schema = d.path("schema").asText("");
                String pkg = d.path("package").asText("");
                if (schema.equals("olm.bundle")) {
                    bundles.computeIfAbsent(pkg, k -> new LinkedHashMap<>()).put(d.path("name").asText(""), d);
                } else if (schema.equals("olm.channel")) {
                    List<String> entries = new ArrayList<>();
                    d.path("entries").forEach(e -> entries.add(e.path("name").asText("")));
                    channels.computeIfAbsent(pkg, k -> new LinkedHashMap<>()).put(d.path("name").asText(""), entries);
                }
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (int j = 0; j < o.packages().size(); j++) {
            Package p = o.packages().get(j);
            String pp = path + ".packages[" + j + "]";
            Map<String, JsonNode> mine = bundles.get(p.name());
            if (mine == null) {
                problems.add(new Problem(pp + ".name", "package \"" + p.name() + "\" is not in catalog " + o.catalog()
                        + " (it has: " + String.join(", ", bundles.keySet()) + ")"));
                continue;
            }
            List<String> chosen = new ArrayList<>();
            if (p.channels().isEmpty()) {
                chosen.addAll(mine.keySet());
            } else {
                Map<String, List<String>> chs = channels.getOrDefault(p.name(), Map.of());
                for (int k = 0; k < p.channels().size(); k++) {
                    List<String> entries = chs.get(p.channels().get(k));
                    if (entries == null) {
                        problems.add(new Problem(pp + ".channels[" + k + "].name", "channel \"" + p.channels().get(k)
                                + "\" is not in package " + p.name() + " (it has: " + String.join(", ", chs.keySet()) + ")"));
                    } else {
                        entries.stream().filter(e -> !chosen.contains(e)).forEach(chosen::add);
                    }
                }
            }
            for (String b : chosen) {
                JsonNode bundle = mine.get(b);
                if (bundle == null) {
                    problems.add(new Problem(pp, "catalog " + o.catalog() + ": channel entry " + b + " has no olm.bundle"));
                    continue;
                }
                String image = bundle.path("image").asText("");
                if (!image.isEmpty()) {
                    out.add(checked(o.catalog(), b, image));
                }
                for (JsonNode ri : bundle.path("relatedImages")) {
                    String img = ri.path("image").asText("");
                    if (!img.isEmpty()) {
                        out.add(checked(o.catalog(), b, img));
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static String checked(String catalog, String bundle, String image) {
        try {
            ImageReference.parse(image);
            return image;
        } catch (IllegalArgumentException e) {
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "catalog " + catalog + ": bundle " + bundle
                    + ": image " + image + ": " + e.getMessage(), e);
        }
    }

    /** The JSON documents (concatenated) or YAML documents ({@code ---}) of one catalog file. */
    static List<JsonNode> documents(String catalog, String name, byte[] bytes) {
        List<JsonNode> out = new ArrayList<>();
        var mapper = name.endsWith(".json") ? UserFiles.json() : UserFiles.yaml();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(bytes)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && n.isObject()) {
                    out.add(n);
                }
            }
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io ? UserFiles.problem(io, name).toString() : String.valueOf(e.getMessage());
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "catalog " + catalog + ": /" + name + ": " + why, null);
        }
        return out;
    }

    // --------------------------------------------------------------------------------------- layers

    /**
     * The regular files of an image's file system that the filter wants, layers applied in order (whiteouts
     * remove earlier files). Every layer's digest is checked while read.
     */
    static Map<String, byte[]> files(MirrorEngine engine, String image, Predicate<String> wanted)
            throws RegistryException, InterruptedException {
        ImageReference ref = ImageReference.parse(image);
        RegistryClient c = engine.client(ref);
        String repo = ref.repository();
        String digest = ref.digest().orElse(null);
        if (digest == null) {
            digest = c.headManifest(repo, ref.tag().orElseThrow()).orElseThrow(() ->
                    new RegistryException(RegistryException.Kind.NOT_FOUND, 404, "no manifest " + image));
        }
        Manifest m = c.getManifest(repo, digest);
        if (m.isIndex()) {
            List<Descriptor> children = m.children();
            Descriptor pick = children.stream().filter(engine::selected).filter(d -> d.platform().isPresent()).findFirst()
                    .orElse(children.stream().filter(d -> d.platform().map(p -> p.toString().startsWith("linux/amd64"))
                            .orElse(false)).findFirst().orElse(children.isEmpty() ? null : children.get(0)));
            if (pick == null) {
                throw new RegistryException(RegistryException.Kind.NOT_FOUND, 0, image + " is an empty index");
            }
            m = c.getManifest(repo, pick.digest());
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        long[] total = {0};
        List<Descriptor> blobs = m.blobs();
        // the first blob of an image manifest is its config
        for (Descriptor layer : blobs.subList(Math.min(1, blobs.size()), blobs.size())) {
            if (layer.mediaType().contains("zstd")) {
                throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, image + ": layer " + layer.digest()
                        + " is zstd-compressed, which ocatopic does not read; give a gzip image");
            }
            try (InputStream raw = c.openBlob(repo, layer, n -> { })) {
                BufferedInputStream in = new BufferedInputStream(raw, 65536);
                in.mark(2);
                int b0 = in.read();
                int b1 = in.read();
                in.reset();
                InputStream tar = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 65536) : in;
                readTar(tar, wanted, out, total, image, layer.digest());
                in.transferTo(java.io.OutputStream.nullOutputStream());   // to the end: the digest is checked there
            } catch (IOException e) {
                if (e.getCause() instanceof RegistryException re) {
                    throw re;
                }
                throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, image + ": layer " + layer.digest()
                        + " is not a readable tar: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static void readTar(InputStream in, Predicate<String> wanted, Map<String, byte[]> out, long[] total,
                                String image, String layer) throws IOException {
        byte[] h = new byte[512];
        String longName = null;
        while (true) {
            if (in.readNBytes(h, 0, 512) < 512) {
                return;   // tolerate a missing end marker
            }
            if (Tar.allZero(h)) {
                return;
            }
            String name = longName != null ? longName : Tar.string(h, 0, 100);
            String prefix = Tar.string(h, 345, 155);
            if (longName == null && !prefix.isEmpty() && h[257] == 'u') {
                name = prefix + "/" + name;
            }
            longName = null;
            long size = Tar.size(h);
            char type = (char) h[156];
            if (type == 'x' || type == 'L') {
                if (size > 1 << 20) {
                    throw new IOException("oversized tar header entry");
                }
                byte[] data = in.readNBytes((int) size);
                skip(in, pad(size) - size);
                if (type == 'L') {
                    longName = Tar.string(data, 0, data.length);
                } else {
                    for (String rec : new String(data, StandardCharsets.UTF_8).split("\n")) {
                        int sp = rec.indexOf(' ');
                        int eq = rec.indexOf('=');
                        if (sp > 0 && eq > sp && rec.substring(sp + 1, eq).equals("path")) {
                            longName = rec.substring(eq + 1);
                        }
                    }
                }
                continue;
            }
            while (name.startsWith("./") || name.startsWith("/")) {
                name = name.startsWith("/") ? name.substring(1) : name.substring(2);
            }
            int slash = name.lastIndexOf('/');
            String base = name.substring(slash + 1);
            String dir = slash < 0 ? "" : name.substring(0, slash + 1);
            if (base.equals(".wh..wh..opq")) {
                out.keySet().removeIf(k -> k.startsWith(dir));
            } else if (base.startsWith(".wh.")) {
                String gone = dir + base.substring(4);
                out.keySet().removeIf(k -> k.equals(gone) || k.startsWith(gone + "/"));
            } else if ((type == '0' || type == 0) && wanted.test(name)) {
                if (size > MAX_FILE || total[0] + size > MAX_FILES) {
                    throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, image + ": layer " + layer + ": /" + name
                            + " is larger than ocatopic reads (64 MiB a file, 512 MiB in all)");
                }
                byte[] data = in.readNBytes((int) size);
                if (data.length < size) {
                    throw new IOException("entry " + name + " cut short");
                }
                total[0] += size;
                out.put(name, data);
                skip(in, pad(size) - size);
                continue;
            }
            skip(in, pad(size));
        }
    }

    private static long pad(long size) {
        return (size + 511) / 512 * 512;
    }

    private static void skip(InputStream in, long n) throws IOException {
        byte[] scratch = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));   // read, not skip: the digest sees every byte
            if (r < 0) {
                throw new IOException("tar cut short");
            }
            left -= r;
        }
    }

}
