package io.ocatopic.ztp.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.config.v1.ImageTagMirrorSet;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.kube.internal.oci.DigestingInputStream;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.mirror.ArchiveSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What to mirror from an oc-mirror v2 ImageSetConfiguration (a release payload and a file-based operator catalog,
 * both built here as real images), a delta against what a site registry holds, and the site's mirror sets read back
 * from an archive's summary; against real docker-registry instances.
 */
class ImageSetMirrorIT {
    private static final RegistryOptions PLAIN = RegistryOptions.insecurePlainHttp();
    private static final RegistryClient.Options CLIENT = RegistryClient.Options.insecurePlainHttp();
    private static final String HEAD = "apiVersion: mirror.openshift.io/v2alpha1\nkind: ImageSetConfiguration\nmirror:\n";

    @TempDir
    Path tmp;

    /** A tar (ustar, regular files only) of the entries, gzip-compressed: one image layer. */
    static byte[] layer(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            byte[] h = new byte[512];
            put(h, 0, f.getKey());
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", f.getValue().length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            put(h, 263, "00");
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            h[155] = ' ';
            tar.write(h);
            tar.write(f.getValue());
            tar.write(new byte[(512 - f.getValue().length % 512) % 512]);
        }
        tar.write(new byte[1024]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(tar.toByteArray());
        }
        return gz.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, b.length);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes a small image with one random layer; returns its reference by digest. */
    private static String image(RegistryClient c, String host, String repo, String tag, long seed) throws Exception {
        Manifest m = TestImages.pushImage(c, repo, tag, "amd64", true, List.of(DiskMirrorIT.gz(seed, 50_000)));
        return host + "/" + repo + "@" + m.digest();
    }

    private Path config(String name, String body) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, HEAD + body);
        return p;
    }

    @Test
    void releasePayloadMirrorsEveryComponentItsImageReferencesList() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"))) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            List<String> components = new ArrayList<>();
            StringBuilder tags = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                String ref = image(src, a.host(), "ocp/component" + i, "src" + i, 100 + i);
                components.add(ref);
                tags.append(i == 0 ? "" : ",").append("{\"name\":\"component").append(i)
                        .append("\",\"from\":{\"kind\":\"DockerImage\",\"name\":\"").append(ref).append("\"}}");
            }
            String imageReferences = "{\"kind\":\"ImageStream\",\"apiVersion\":\"image.openshift.io/v1\","
                    + "\"metadata\":{\"name\":\"4.16.0\"},\"spec\":{\"tags\":[" + tags + "]}}";
            Map<String, byte[]> payload = new LinkedHashMap<>();
            payload.put("release-manifests/release-metadata", utf8("{\"version\":\"4.16.0\"}"));
            payload.put("release-manifests/image-references", utf8(imageReferences));
            Manifest release = TestImages.pushImage(src, "ocp/release", "4.16.0", "amd64", true,
                    List.of(layer(Map.of("usr/bin/cvo", TestImages.randomBytes(99, 100_000))), layer(payload)));

            Path file = config("release.yaml", "  platform:\n    release: " + a.host() + "/ocp/release:4.16.0\n");
            List<ProgressEvent> totals = new CopyOnWriteArrayList<>();
            RegistryMirror mirror = RegistryMirror.builder().registry(a.host(), PLAIN).destination(b.host(), PLAIN)
                    .listener(e -> {
                        if (e.step().equals(RegistryMirror.STEP_TOTAL)) {
                            totals.add(e);
                        }
                    }).build();
            List<String> images = mirror.imagesOf(file);
            List<String> expected = new ArrayList<>(List.of(a.host() + "/ocp/release:4.16.0"));
            expected.addAll(components);
            assertEquals(expected, images);
            MirrorResult r = mirror.mirror(images);
            assertTrue(r.complete(), () -> "failed: " + r.failed());
            assertEquals(4, r.images().size());
            RegistryClient dst = RegistryClient.create(b.host(), CLIENT);
            assertEquals(release.digest(), dst.headManifest("ocp/release", "4.16.0").orElseThrow());
            for (int i = 0; i < 3; i++) {
                String digest = components.get(i).substring(components.get(i).indexOf('@') + 1);
                assertEquals(digest, dst.headManifest("ocp/component" + i, digest).orElseThrow());
            }
            // the run announced the bytes it would send: at the end they are the bytes it sent (an ETA's basis)
            assertFalse(totals.isEmpty());
            assertEquals(r.bytesTransferred(), totals.stream().mapToLong(ProgressEvent::total).max().orElseThrow());
            assertEquals(r.bytesTransferred(), totals.get(totals.size() - 1).total());

            // a release image without image-references is refused, naming it
            TestImages.pushImage(src, "ocp/notarelease", "1", "amd64", true, List.of(layer(Map.of("etc/os-release", utf8("ID=test\n")))));
            ZtpException none = assertThrows(ZtpException.class, () -> mirror.imagesOf(
                    config("bad.yaml", "  platform:\n    release: " + a.host() + "/ocp/notarelease:1\n")));
            assertEquals(ZtpException.Reason.NOT_FOUND, none.reason());
            assertTrue(none.getMessage().contains("release-manifests/image-references"), none.getMessage());
        }
    }

    @Test
    void catalogMirrorsOnlyTheChosenPackagesBundlesAndAChannelNarrowsFurther() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"))) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            String h = a.host();
            String alphaV1 = image(src, h, "bundles/alpha", "v1", 201);
            String alphaOp1 = image(src, h, "org/alpha-operator", "v1", 202);
            String alphaOperand = image(src, h, "org/alpha-operand", "v1", 203);
            String alphaV2 = image(src, h, "bundles/alpha", "v2", 204);
            String alphaOp2 = image(src, h, "org/alpha-operator", "v2", 205);
            String betaV1 = image(src, h, "bundles/beta", "v1", 206);
            String betaOp = image(src, h, "org/beta-operator", "v1", 207);
            String alphaJson = String.join("\n",
                    "{\"schema\":\"olm.package\",\"name\":\"alpha\",\"defaultChannel\":\"stable\"}",
                    "{\"schema\":\"olm.channel\",\"package\":\"alpha\",\"name\":\"stable\",\"entries\":[{\"name\":\"alpha.v1\"}]}",
                    "{\"schema\":\"olm.channel\",\"package\":\"alpha\",\"name\":\"fast\",\"entries\":[{\"name\":\"alpha.v1\"},"
                            + "{\"name\":\"alpha.v2\",\"replaces\":\"alpha.v1\"}]}",
                    "{\"schema\":\"olm.bundle\",\"package\":\"alpha\",\"name\":\"alpha.v1\",\"image\":\"" + alphaV1 + "\","
                            + "\"relatedImages\":[{\"name\":\"operator\",\"image\":\"" + alphaOp1 + "\"},{\"name\":\"operand\","
                            + "\"image\":\"" + alphaOperand + "\"},{\"name\":\"bundle\",\"image\":\"" + alphaV1 + "\"}]}",
                    "{\"schema\":\"olm.bundle\",\"package\":\"alpha\",\"name\":\"alpha.v2\",\"image\":\"" + alphaV2 + "\","
                            + "\"relatedImages\":[{\"name\":\"operator\",\"image\":\"" + alphaOp2 + "\"}]}");
            String betaYaml = "schema: olm.package\nname: beta\ndefaultChannel: stable\n---\n"
                    + "schema: olm.channel\npackage: beta\nname: stable\nentries:\n  - name: beta.v1\n---\n"
                    + "schema: olm.bundle\npackage: beta\nname: beta.v1\nimage: " + betaV1 + "\nrelatedImages:\n"
                    + "  - name: operator\n    image: " + betaOp + "\n";
            Map<String, byte[]> configs = new LinkedHashMap<>();
            configs.put("configs/alpha/catalog.json", utf8(alphaJson));
            configs.put("configs/beta/catalog.yaml", utf8(betaYaml));
            configs.put("configs/beta/README.md", utf8("not a catalog file"));
            TestImages.pushImage(src, "redhat/operator-index", "v4.16", "amd64", true,
                    List.of(layer(Map.of("bin/opm", TestImages.randomBytes(200, 20_000))), layer(configs)));
            String catalog = h + "/redhat/operator-index:v4.16";

            RegistryMirror mirror = RegistryMirror.builder().registry(h, PLAIN).destination(b.host(), PLAIN).build();
            List<String> alpha = mirror.imagesOf(config("alpha.yaml",
                    "  operators:\n    - catalog: " + catalog + "\n      packages:\n        - name: alpha\n"));
            assertEquals(List.of(catalog, alphaV1, alphaOp1, alphaOperand, alphaV2, alphaOp2), alpha);

            List<String> stable = mirror.imagesOf(config("stable.yaml", "  operators:\n    - catalog: " + catalog
                    + "\n      packages:\n        - name: alpha\n          channels:\n            - name: stable\n"
                    + "  additionalImages:\n    - name: " + h + "/org/beta-operator:v1\n"));
            assertEquals(List.of(h + "/org/beta-operator:v1", catalog, alphaV1, alphaOp1, alphaOperand), stable);
            MirrorResult r = mirror.mirror(stable);
            assertTrue(r.complete(), () -> "failed: " + r.failed());
            RegistryClient dst = RegistryClient.create(b.host(), CLIENT);
            assertTrue(dst.headManifest("redhat/operator-index", "v4.16").isPresent());
            assertTrue(dst.headManifest("org/alpha-operand", alphaOperand.substring(alphaOperand.indexOf('@') + 1)).isPresent());
            assertTrue(dst.headManifest("bundles/alpha", alphaV2.substring(alphaV2.indexOf('@') + 1)).isEmpty(),
                    "alpha.v2 is not in channel stable");
            assertTrue(dst.headManifest("bundles/beta", betaV1.substring(betaV1.indexOf('@') + 1)).isEmpty(),
                    "package beta was not chosen");

            ZtpException missing = assertThrows(ZtpException.class, () -> mirror.imagesOf(config("missing.yaml",
                    "  operators:\n    - catalog: " + catalog + "\n      packages:\n        - name: gamma\n"
                            + "        - name: beta\n          channels:\n            - name: candidate\n")));
            assertEquals(ZtpException.Reason.INVALID_SPEC, missing.reason());
            List<String> paths = missing.problems().stream().map(io.ocatopic.core.Problem::path).toList();
            assertEquals(List.of("missing.yaml: mirror.operators[0].packages[0].name",
                    "missing.yaml: mirror.operators[0].packages[1].channels[0].name"), paths);
            assertTrue(missing.getMessage().contains("alpha, beta"), missing.getMessage());
        }
    }

    @Test
    void deltaAgainstTheSiteRegistryCarriesNoBlobTheSiteHasAndItsSummaryRendersTheMirrorSets() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry site = LocalRegistry.start(tmp.resolve("site"))) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            byte[] shared = DiskMirrorIT.gz(300, 400_000);
            TestImages.pushImage(src, "org/app", "1", "amd64", true, List.of(shared, DiskMirrorIT.gz(301, 300_000)));
            Manifest pinned = TestImages.pushImage(src, "org/kmod", null, "amd64", true, List.of(DiskMirrorIT.gz(302, 200_000)));
            TestImages.pushIndex(src, "org/multi", "1", true, List.of("amd64", "arm64"), 1, 100_000, 303);
            List<String> base = List.of(a.host() + "/org/app:1", a.host() + "/org/multi:1");
            // the site registry, pre-loaded with the base images (under a prefix, as a site would hold them)
            assertTrue(RegistryMirror.builder().registry(a.host(), PLAIN).destination(site.host(), PLAIN)
                    .destinationPrefix("mirror").build().mirror(base).complete());

            byte[] n1 = DiskMirrorIT.gz(310, 250_000);
            Manifest moved = TestImages.pushImage(src, "org/app", "1", "amd64", true, List.of(shared, n1));
            Manifest added = TestImages.pushImage(src, "org/new", "1", "amd64", true, List.of(shared));
            List<String> all = new ArrayList<>(base);
            all.add(a.host() + "/org/new:1");
            // a module image built by kmm-core's ModuleBuilder is a reference by digest: BuildResult.pinnedImages()
            Map<String, String> pinnedImages = Map.of("6.1.0-54-amd64", a.host() + "/org/kmod@" + pinned.digest());
            all.addAll(pinnedImages.values());

            Path delta = tmp.resolve("delta.tar");
            MirrorResult written = RegistryMirror.builder().registry(a.host(), PLAIN).registry(site.host(), PLAIN)
                    .toArchive(delta, 0).sinceRegistry(site.host()).build().mirror(all);
            assertTrue(written.complete(), () -> "failed: " + written.failed());
            ArchiveSummary ds = ArchiveSummary.read(delta);
            assertEquals("registry:" + site.host(), ds.baseId().orElseThrow());
            // the site's blobs: every blob of every manifest it lists
            RegistryClient s = RegistryClient.create(site.host(), CLIENT);
            Set<String> siteBlobs = new HashSet<>();
            for (String repo : s.listRepositories()) {
                for (String tag : s.listTags(repo)) {
                    Manifest top = s.getManifest(repo, tag);
                    List<Manifest> ms = new ArrayList<>(List.of(top));
                    for (var c : top.children()) {
                        ms.add(s.getManifest(repo, c.digest()));
                    }
                    ms.forEach(m -> {
                        try {
                            m.blobs().forEach(d -> siteBlobs.add(d.digest()));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    });
                }
            }
            assertTrue(siteBlobs.contains(DigestingInputStream.digestOf(shared)));
            long carriedSiteBytes = ds.blobs().stream().filter(bl -> bl.included() && !bl.manifest()
                    && siteBlobs.contains(bl.digest())).mapToLong(ArchiveSummary.Blob::size).sum();
            assertEquals(0, carriedSiteBytes, "the delta carries no byte of a blob the site has");
            Map<String, Long> fresh = new LinkedHashMap<>();
            for (Manifest m : List.of(moved, added, pinned)) {
                m.blobs().stream().filter(d -> !siteBlobs.contains(d.digest())).forEach(d -> fresh.put(d.digest(), d.size()));
            }
            assertTrue(fresh.containsKey(DigestingInputStream.digestOf(n1)));
            assertEquals(fresh.values().stream().mapToLong(Long::longValue).sum(), ds.includedBlobBytes(),
                    "the delta carries exactly the blobs the site lacks");

            // the summary, beside the archive and inside it, renders the site's mirror sets without unpacking blobs
            Path moved2 = tmp.resolve("elsewhere.summary.json");
            Files.move(tmp.resolve("delta.tar" + ArchiveSummary.SUFFIX), moved2);
            ArchiveSummary inside = ArchiveSummary.read(delta);
            Files.move(moved2, tmp.resolve("delta.tar" + ArchiveSummary.SUFFIX));
            assertEquals(ds.id(), inside.id());
            ImageDigestMirrorSet idms = inside.imageDigestMirrorSet("site", site.host(), "mirror",
                    ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE);
            Map<String, List<String>> digestMirrors = new LinkedHashMap<>();
            idms.getSpec().getImageDigestMirrors().forEach(m -> digestMirrors.put(m.getSource(), m.getMirrors()));
            assertEquals(List.of(site.host() + "/mirror/org/app"), digestMirrors.get(a.host() + "/org/app"));
            assertEquals(List.of(site.host() + "/mirror/org/kmod"), digestMirrors.get(a.host() + "/org/kmod"));
            assertEquals(4, digestMirrors.size());
            ImageTagMirrorSet itms = inside.imageTagMirrorSet("site", site.host(), "mirror",
                    ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE);
            Set<String> tagSources = new HashSet<>();
            itms.getSpec().getImageTagMirrors().forEach(m -> tagSources.add(m.getSource()));
            assertEquals(Set.of(a.host() + "/org/app", a.host() + "/org/multi", a.host() + "/org/new"), tagSources,
                    "the module image went by digest only");

            // pushed to the site: the left-out blobs are mounted from where the site has them
            MirrorResult pushed = RegistryMirror.builder().destination(site.host(), PLAIN).destinationPrefix("mirror")
                    .build().mirrorFrom(List.of(delta));
            assertTrue(pushed.complete(), () -> "failed: " + pushed.failed());
            assertEquals(moved.digest(), s.headManifest("mirror/org/app", "1").orElseThrow());
            assertEquals(added.digest(), s.headManifest("mirror/org/new", "1").orElseThrow());
            assertTrue(s.headManifest("mirror/org/kmod", pinned.digest()).isPresent());
            assertEquals(idms.getSpec().getImageDigestMirrors().size(), pushed.imageDigestMirrorSet("site",
                    ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE).getSpec().getImageDigestMirrors().size());
        }
    }
}
