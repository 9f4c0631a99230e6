package io.ocatopic.ztp.mirror;

import io.ocatopic.ztp.internal.mirror.ArchiveSummary;

import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.DigestingInputStream;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kube.testing.RealEnvironment;
import io.ocatopic.ztp.ZtpException;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RegistryMirror} to and from disk against real docker-registry instances and skopeo 1.9 as the oracle. */
class DiskMirrorIT {
    private static final RegistryOptions PLAIN = RegistryOptions.insecurePlainHttp();
    private static final RegistryClient.Options CLIENT = RegistryClient.Options.insecurePlainHttp();
    private static final Path SKOPEO = Path.of("/usr/bin/skopeo");

    @TempDir
    Path tmp;

    static byte[] gz(long seed, int size) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(TestImages.randomBytes(seed, size));
        }
        return b.toByteArray();
    }

    private static void skopeo(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SKOPEO.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    private static Set<String> blobFiles(Path layout) throws Exception {
        try (Stream<Path> s = Files.list(layout.resolve("blobs/sha256"))) {
            return new HashSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void skopeoReadsOurLayoutAndArchiveAndWeReadSkopeosLayout() throws Exception {
        RealEnvironment.requireExecutable(SKOPEO);
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"))) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            byte[] shared = gz(1, 300_000);
            Manifest one = TestImages.pushImage(src, "org/one", "1", "amd64", true, List.of(shared, gz(2, 200_000)));
            Manifest two = TestImages.pushImage(src, "org/two", "2", "amd64", true, List.of(shared, gz(3, 100_000)));
            List<ImageReference> images = List.of(ImageReference.parse(a.host() + "/org/one:1"),
                    ImageReference.parse(a.host() + "/org/two:2"));

            Path dir = tmp.resolve("layout");
            MirrorResult toDir = RegistryMirror.builder().registry(a.host(), PLAIN).toDirectory(dir).build().mirror(TestImages.names(images));
            assertTrue(toDir.ok(), () -> "failed: " + toDir.failed());
            // shared layer stored once: 2 configs + 3 layers + 2 manifests
            assertEquals(7, blobFiles(dir).size());
            ArchiveSummary summary = ArchiveSummary.read(dir);
            assertEquals(2, summary.images().size());
            assertEquals(one.digest(), summary.images().get(0).digest());

            Path tar = tmp.resolve("site.tar");
            MirrorResult toTar = RegistryMirror.builder().registry(a.host(), PLAIN).toArchive(tar, 0).build().mirror(TestImages.names(images));
            assertTrue(toTar.ok());
            assertFalse(Files.exists(tmp.resolve("site.tar.partial")));

            // skopeo copies from both into registry b; the digests are the source's
            skopeo("copy", "--preserve-digests", "--dest-tls-verify=false",
                    "oci:" + dir + ":" + a.host() + "/org/one:1", "docker://" + b.host() + "/fromdir/one:1");
            skopeo("copy", "--preserve-digests", "--dest-tls-verify=false",
                    "oci-archive:" + tar + ":" + a.host() + "/org/two:2", "docker://" + b.host() + "/fromtar/two:2");
            RegistryClient dst = RegistryClient.create(b.host(), CLIENT);
            assertEquals(one.digest(), dst.headManifest("fromdir/one", "1").orElseThrow());
            assertEquals(two.digest(), dst.headManifest("fromtar/two", "2").orElseThrow());

            // skopeo writes a layout; we push it into registry b
            Path theirs = tmp.resolve("skopeo-layout");
            skopeo("copy", "--preserve-digests", "--src-tls-verify=false", "docker://" + a.host() + "/org/two:2",
                    "oci:" + theirs + ":" + a.host() + "/skopeo/two:2");
            MirrorResult pushed = RegistryMirror.builder().destination(b.host(), PLAIN).build().mirrorFrom(List.of(theirs));
            assertTrue(pushed.ok(), () -> "failed: " + pushed.failed());
            assertEquals(two.digest(), dst.headManifest("skopeo/two", "2").orElseThrow());
            assertEquals(a.host() + "/skopeo/two", pushed.mappings().get(0).source());
        }
    }

    @Test
    void fromArchiveVolumesInAnyOrderSameResultAsRegistryRunThenDeltaCarriesOnlyNewBlobs() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry site = LocalRegistry.start(tmp.resolve("site"));
             LocalRegistry full = LocalRegistry.start(tmp.resolve("full"));
             LocalRegistry empty = LocalRegistry.start(tmp.resolve("empty"));
             LocalRegistry other = LocalRegistry.start(tmp.resolve("other"))) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            byte[] shared = gz(10, 400_000);
            TestImages.pushImage(src, "org/app", "1", "amd64", true, List.of(shared, gz(11, 900_000)));
            Manifest old = TestImages.pushImage(src, "org/app", "old", "amd64", true, List.of(shared, gz(12, 600_000)));
            TestImages.pushIndex(src, "org/multi", "1", true, List.of("amd64", "arm64"), 1, 500_000, 13);
            List<ImageReference> base = new ArrayList<>(List.of(ImageReference.parse(a.host() + "/org/app:1"),
                    ImageReference.parse(a.host() + "/org/app:old"), ImageReference.parse(a.host() + "/org/multi:1")));
            Path baseTar = tmp.resolve("base.tar");
            MirrorResult written = RegistryMirror.builder().registry(a.host(), PLAIN).toArchive(baseTar, 1 << 20).build()
                    .mirror(TestImages.names(base));
            assertTrue(written.ok(), () -> "failed: " + written.failed());
            ArchiveSummary bs = ArchiveSummary.read(baseTar);
            assertTrue(bs.volumes().size() >= 3, bs.volumes().toString());
            List<Path> vols = new ArrayList<>();
            bs.volumes().forEach(v -> vols.add(tmp.resolve(v.name())));
            List<Path> reversed = new ArrayList<>(vols);
            java.util.Collections.reverse(reversed);

            RegistryMirror toSite = RegistryMirror.builder().destination(site.host(), PLAIN).build();
            MirrorResult pushed = toSite.mirrorFrom(reversed);
            assertTrue(pushed.ok(), () -> "failed: " + pushed.failed());
            MirrorResult direct = RegistryMirror.builder().registry(a.host(), PLAIN).destination(other.host(), PLAIN).build()
                    .mirror(TestImages.names(base));
            assertEquals(sortedMappings(direct, other.host(), site.host()), sortedMappings(pushed, site.host(), site.host()));
            assertEquals(direct.imageDigestMirrorSet("x", io.ocatopic.ztp.ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE)
                    .getSpec().getImageDigestMirrors().size(), pushed.imageDigestMirrorSet("x",
                    io.ocatopic.ztp.ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE).getSpec().getImageDigestMirrors().size());
            // again: idempotent
            toSite.mirrorFrom(vols).images().forEach(i -> assertEquals(ImageResult.Status.UNCHANGED, i.status()));

            // months later: 2 images added, app:1 moved to a new build
            byte[] n1 = gz(20, 700_000);
            byte[] n2 = gz(21, 300_000);
            byte[] n3 = gz(22, 200_000);
            Manifest moved = TestImages.pushImage(src, "org/app", "1", "amd64", true, List.of(shared, n1));
            Manifest new1 = TestImages.pushImage(src, "org/new", "1", "amd64", true, List.of(shared, n2));
            Manifest new2 = TestImages.pushImage(src, "org/new2", "1", "amd64", true, List.of(n3));
            List<ImageReference> all = new ArrayList<>(base);
            all.add(ImageReference.parse(a.host() + "/org/new:1"));
            all.add(ImageReference.parse(a.host() + "/org/new2:1"));
            Path delta = tmp.resolve("delta.tar");
            assertTrue(RegistryMirror.builder().registry(a.host(), PLAIN).toArchive(delta, 0).since(baseTar).build()
                    .mirror(TestImages.names(all)).ok());
            ArchiveSummary ds = ArchiveSummary.read(delta);
            assertEquals(bs.id(), ds.baseId().orElseThrow());
            // only the new layers and the new configs: no byte of a blob the site has
            Set<String> expected = new HashSet<>(Set.of(DigestingInputStream.digestOf(n1), DigestingInputStream.digestOf(n2),
                    DigestingInputStream.digestOf(n3), new1.blobs().get(0).digest(), new2.blobs().get(0).digest()));
            moved.blobs().stream().map(Descriptor::digest).filter(d -> !bs.siteHolds().contains(d)).forEach(expected::add);
            Set<String> carried = new HashSet<>();
            ds.blobs().stream().filter(b -> b.included() && !b.manifest()).forEach(b -> carried.add(b.digest()));
            assertEquals(expected, carried);
            long newBytes = n1.length + n2.length + n3.length + new1.blobs().get(0).size() + new2.blobs().get(0).size();
            assertEquals(newBytes, ds.includedBlobBytes());
            assertTrue(ds.blobs().stream().filter(b -> b.included()).noneMatch(b -> bs.siteHolds().contains(b.digest())));

            // a site without the base refuses it before pushing anything
            ZtpException refused = assertThrows(ZtpException.class, () ->
                    RegistryMirror.builder().destination(empty.host(), PLAIN).build().mirrorFrom(List.of(delta)));
            assertTrue(refused.getMessage().contains("base.tar") && refused.getMessage().contains(bs.id()),
                    refused.getMessage());
            RegistryClient emptyClient = RegistryClient.create(empty.host(), CLIENT);
            assertTrue(emptyClient.headManifest("org/new2", "1").isEmpty());

            MirrorResult applied = toSite.mirrorFrom(List.of(delta));
            assertTrue(applied.ok(), () -> "failed: " + applied.failed());
            MirrorResult once = RegistryMirror.builder().registry(a.host(), PLAIN).destination(full.host(), PLAIN).build()
                    .mirror(TestImages.names(all));
            assertTrue(once.ok());
            RegistryClient s = RegistryClient.create(site.host(), CLIENT);
            RegistryClient f = RegistryClient.create(full.host(), CLIENT);
            for (ImageReference r : all) {
                assertEquals(f.headManifest(r.repository(), r.tag().orElseThrow()),
                        s.headManifest(r.repository(), r.tag().orElseThrow()), r.toString());
            }
            assertEquals(moved.digest(), s.headManifest("org/app", "1").orElseThrow());
            assertEquals(old.digest(), s.headManifest("org/app", "old").orElseThrow());
        }
    }

    @Test
    void corruptTruncatedMissingAndNoSpaceEachFailClearly() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry site = LocalRegistry.start(tmp.resolve("site"))) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            byte[] bad = gz(31, 500_000);
            TestImages.pushImage(src, "org/bad", "1", "amd64", true, List.of(bad));
            TestImages.pushImage(src, "org/good", "1", "amd64", true, List.of(gz(32, 700_000)));
            List<ImageReference> images = List.of(ImageReference.parse(a.host() + "/org/bad:1"),
                    ImageReference.parse(a.host() + "/org/good:1"));

            ZtpException noSpace = assertThrows(ZtpException.class, () -> RegistryMirror.builder()
                    .registry(a.host(), PLAIN).toDirectory(tmp.resolve("full-disk")).freeSpace(p -> 100_000).build()
                    .mirror(TestImages.names(images)));
            assertTrue(noSpace.getMessage().contains("not enough free space"), noSpace.getMessage());
            assertFalse(Files.exists(tmp.resolve("full-disk/index.json")));

            Path tar = tmp.resolve("c.tar");
            assertTrue(RegistryMirror.builder().registry(a.host(), PLAIN).toArchive(tar, 0).build().mirror(TestImages.names(images)).ok());
            // flip one byte inside the bad layer
            String badDigest = DigestingInputStream.digestOf(bad);
            byte[] all = Files.readAllBytes(tar);
            int at = indexOf(all, bad, 0) + 1000;
            try (RandomAccessFile raf = new RandomAccessFile(tar.toFile(), "rw")) {
                raf.seek(at);
                raf.write(all[at] ^ 0x55);
            }
            MirrorResult r = RegistryMirror.builder().destination(site.host(), PLAIN).build().mirrorFrom(List.of(tar));
            ImageResult failed = r.images().stream().filter(i -> ImageReference.parse(i.request().source()).repository().equals("org/bad"))
                    .findFirst().orElseThrow();
            assertEquals(ZtpException.Reason.DIGEST_MISMATCH, failed.error().orElseThrow().reason());
            assertTrue(failed.error().orElseThrow().getMessage().contains(badDigest));
            RegistryClient s = RegistryClient.create(site.host(), CLIENT);
            assertTrue(s.headManifest("org/bad", "1").isEmpty());
            assertFalse(s.blobExists("org/bad", badDigest));
            assertTrue(s.headManifest("org/good", "1").isPresent());

            // volumes: one missing, one truncated
            Path vtar = tmp.resolve("v.tar");
            assertTrue(RegistryMirror.builder().registry(a.host(), PLAIN).toArchive(vtar, 1 << 20).build().mirror(TestImages.names(images)).ok());
            Path v1 = tmp.resolve("v.tar.001");
            Path v2 = tmp.resolve("v.tar.002");
            ZtpException missing = assertThrows(ZtpException.class, () ->
                    RegistryMirror.builder().destination(site.host(), PLAIN).build().mirrorFrom(List.of(v1)));
            assertTrue(missing.getMessage().contains("volume 2 of 2 (v.tar.002)"), missing.getMessage());
            try (RandomAccessFile raf = new RandomAccessFile(v2.toFile(), "rw")) {
                raf.setLength(raf.length() - 100);
            }
            ZtpException truncated = assertThrows(ZtpException.class, () ->
                    RegistryMirror.builder().destination(site.host(), PLAIN).build().mirrorFrom(List.of(v2, v1)));
            assertTrue(truncated.getMessage().contains("v.tar.002 is truncated"), truncated.getMessage());
        }
    }

    @Test
    void killMinus9MidPushThenResumeResendsNoFinishedBlob() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry site = LocalRegistry.start(tmp.resolve("site"));
             RegistryProxy toSite = new RegistryProxy(site.host())) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            List<ImageReference> images = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                TestImages.pushImage(src, "org/app" + i, "1", "amd64", true,
                        List.of(gz(40 + i * 3, 200_000), gz(41 + i * 3, 200_000), gz(42 + i * 3, 200_000)));
                images.add(ImageReference.parse(a.host() + "/org/app" + i + ":1"));
            }
            Path tar = tmp.resolve("k.tar");
            assertTrue(RegistryMirror.builder().registry(a.host(), PLAIN).toArchive(tar, 0).build().mirror(TestImages.names(images)).ok());
            Path journal = tmp.resolve("push.journal");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SlowPushMain.class.getName(), site.host(),
                    journal.toString(), tar.toString()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (blobLines(journal).size() < 4 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "the push finished before it could be killed: " + Files.readString(tmp.resolve("child.log")));
            ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
            child.waitFor();
            Set<String> finished = new HashSet<>();
            for (String line : blobLines(journal)) {
                finished.add(line.split(" ")[2]);
            }
            assertTrue(finished.size() >= 4);
            MirrorResult resumed = RegistryMirror.builder().destination(toSite.host(), PLAIN).journal(journal).build()
                    .mirrorFrom(List.of(tar));
            assertTrue(resumed.ok(), () -> "failed: " + resumed.failed());
            for (String d : finished) {
                assertFalse(toSite.uploadsByDigest().containsKey(d), "re-sent finished blob " + d);
            }
            assertTrue(resumed.bytesTransferred() > 0, "the rest was sent");
            RegistryClient s = RegistryClient.create(site.host(), CLIENT);
            for (int i = 0; i < 4; i++) {
                assertTrue(s.headManifest("org/app" + i, "1").isPresent());
            }
        }
    }

    private static List<String> blobLines(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return List.of();
        }
        return Files.readAllLines(journal).stream().filter(l -> l.startsWith("B ") && l.endsWith(" .")).toList();
    }

    private static List<String> sortedMappings(MirrorResult r, String host, String as) {
        return r.mappings().stream().map(m -> m.source() + " " + m.mirror().replace(host, as) + " "
                + new java.util.TreeSet<>(m.digests())).sorted().toList();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - 64; i++) {
            for (int j = 0; j < 64; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
