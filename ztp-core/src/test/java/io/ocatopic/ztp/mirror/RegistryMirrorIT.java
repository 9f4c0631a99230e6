package io.ocatopic.ztp.mirror;

import io.ocatopic.kube.ProgressEvent;

import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.DigestingInputStream;
import io.ocatopic.kube.internal.oci.ImageReference;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.kube.internal.oci.RegistryCredentials;
import io.ocatopic.kube.internal.oci.RegistryException;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;
import io.ocatopic.ztp.mirror.RegistryMirror.MirrorRequest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.ocatopic.ztp.ZtpException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RegistryMirror} against real docker-registry instances on 127.0.0.1. */
class RegistryMirrorIT {
    private static final RegistryOptions PLAIN = RegistryOptions.insecurePlainHttp();
    private static final RegistryClient.Options CLIENT = RegistryClient.Options.insecurePlainHttp();
    private static final int MIB = 1 << 20;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void mirrorsIndexAndSinglePlatformImagesByteForByteThenSendsNothingWhenUnchanged() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"));
             RegistryProxy toB = new RegistryProxy(b.host())) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            byte[] shared = TestImages.randomBytes(7, MIB + 123);
            Manifest index = TestImages.pushIndex(src, "multi/app", "1.0", true, List.of("amd64", "arm64"), 2, MIB, 1);
            Manifest list = TestImages.pushIndex(src, "multi/docker", "v2", false, List.of("amd64", "ppc64le"), 1, 300_000, 2);
            Manifest tool = TestImages.pushImage(src, "single/tool", "2", "amd64", false,
                    List.of(shared, TestImages.randomBytes(8, 2 * MIB)));
            Manifest oci = TestImages.pushImage(src, "single/oci", "3", "amd64", true,
                    List.of(shared, TestImages.randomBytes(9, 100)));

            List<ProgressEvent> events = new CopyOnWriteArrayList<>();
            RegistryMirror mirror = RegistryMirror.builder()
                    .registry(a.host(), PLAIN)
                    .destination(toB.host(), PLAIN)
                    .destinationPrefix("mirror")
                    .chunkSize(512 * 1024)
                    .parallelism(4)
                    .listener(events::add)
                    .build();
            List<ImageReference> images = List.of(ImageReference.parse(a.host() + "/multi/app:1.0"),
                    ImageReference.parse(a.host() + "/multi/docker:v2"),
                    ImageReference.parse(a.host() + "/single/tool:2"),
                    ImageReference.parse(a.host() + "/single/oci@" + oci.digest()));
            MirrorResult first = mirror.mirror(TestImages.names(images));

            assertTrue(first.ok(), () -> "failed: " + first.failed());
            first.images().forEach(i -> assertEquals(ImageResult.Status.MIRRORED, i.status(), i.request().toString()));
            Map<String, Manifest> byRepo = Map.of("multi/app", index, "multi/docker", list, "single/tool", tool,
                    "single/oci", oci);
            for (Map.Entry<String, Manifest> e : byRepo.entrySet()) {
                assertSameImage(a.host(), e.getKey(), b.host(), "mirror/" + e.getKey(), e.getValue());
            }
            // tags point at the source digests; a digest-only source gets no tag
            assertEquals(index.digest(), headDigest(b.host(), "mirror/multi/app", "1.0"));
            assertEquals(list.digest(), headDigest(b.host(), "mirror/multi/docker", "v2"));
            assertEquals(tool.digest(), headDigest(b.host(), "mirror/single/tool", "2"));
            // the layer shared by two repositories was sent once and mounted into the other
            String sharedDigest = DigestingInputStream.digestOf(shared);
            assertEquals(shared.length, toB.uploadsByDigest().get(sharedDigest));
            assertTrue(events.stream().anyMatch(ev -> blobDone(ev)
                    && ev.subject().equals(sharedDigest) && ev.message().equals("mounted")));
            assertEquals(first.bytesTransferred(), toB.uploadBytes());

            // mapping and ImageDigestMirrorSet
            ImageDigestMirrorSet idms = first.imageDigestMirrorSet("factory", ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE);
            assertEquals(4, idms.getSpec().getImageDigestMirrors().size());
            assertEquals(a.host() + "/multi/app", idms.getSpec().getImageDigestMirrors().get(0).getSource());
            assertEquals(List.of(toB.host() + "/mirror/multi/app"), idms.getSpec().getImageDigestMirrors().get(0).getMirrors());
            assertEquals("NeverContactSource", idms.getSpec().getImageDigestMirrors().get(0).getMirrorSourcePolicy());
            assertTrue(first.mappings().get(0).digests().contains(index.digest()));

            // nothing changed: zero blob bytes, every image unchanged
            toB.reset();
            MirrorResult second = mirror.mirror(TestImages.names(images));
            assertTrue(second.ok());
            second.images().forEach(i -> assertEquals(ImageResult.Status.UNCHANGED, i.status(), i.request().toString()));
            assertEquals(0, toB.uploadBytes());
            assertEquals(0, second.bytesTransferred());
        }
    }

    @Test
    void platformSubsetCopiesOnlyThoseManifests() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"))) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            Manifest index = TestImages.pushIndex(src, "multi/app", "1.0", true, List.of("amd64", "arm64", "s390x"), 1, 1000, 3);
            MirrorResult r = RegistryMirror.builder().registry(a.host(), PLAIN).destination(b.host(), PLAIN)
                    .platforms(List.of("linux/arm64")).build()
                    .mirror(TestImages.names(List.of(ImageReference.parse(a.host() + "/multi/app:1.0"))));
            assertTrue(r.ok(), () -> "failed: " + r.failed());
            ImageResult i = r.images().get(0);
            Descriptor arm = index.children().stream().filter(d -> d.platform().orElseThrow().architecture().equals("arm64"))
                    .findFirst().orElseThrow();
            assertEquals(List.of(arm.digest()), i.childDigests());
            RegistryClient dst = RegistryClient.create(b.host(), CLIENT);
            Manifest reduced = dst.getManifest("multi/app", "1.0");
            assertEquals(List.of(arm.digest()), reduced.children().stream().map(Descriptor::digest).toList());
            assertEquals(i.digest().orElseThrow(), reduced.digest());
            for (Descriptor other : index.children()) {
                if (!other.digest().equals(arm.digest())) {
                    assertTrue(dst.headManifest("multi/app", other.digest()).isEmpty());
                }
            }
        }
    }

    @Test
    void corruptedBlobFailsThatImageOnlyAndLeavesItsTagAlone() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"));
             RegistryProxy fromA = new RegistryProxy(a.host())) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            RegistryClient dst = RegistryClient.create(b.host(), CLIENT);
            byte[] badLayer = TestImages.randomBytes(21, 3 * MIB);
            Manifest bad = TestImages.pushImage(src, "bad/app", "1", "amd64", true,
                    List.of(TestImages.randomBytes(20, MIB), badLayer));
            Manifest good = TestImages.pushImage(src, "good/app", "1", "amd64", false,
                    List.of(TestImages.randomBytes(22, 2 * MIB)));
            Manifest goodIndex = TestImages.pushIndex(src, "good/multi", "1", true, List.of("amd64", "arm64"), 2, MIB, 23);
            // the destination already has an older bad/app:1
            Manifest old = TestImages.pushImage(dst, "bad/app", "1", "amd64", true, List.of(TestImages.randomBytes(24, 1000)));
            String badDigest = DigestingInputStream.digestOf(badLayer);
            fromA.corrupt(badDigest);

            MirrorResult r = RegistryMirror.builder().registry(fromA.host(), PLAIN).destination(b.host(), PLAIN).build()
                    .copy(List.of(MirrorRequest.of(fromA.host() + "/bad/app:1", b.host() + "/bad/app:1"),
                            MirrorRequest.of(fromA.host() + "/good/app:1", b.host() + "/good/app:1"),
                            MirrorRequest.of(fromA.host() + "/good/multi:1", b.host() + "/good/multi:1")));

            ImageResult badResult = r.images().get(0);
            assertEquals(ImageResult.Status.FAILED, badResult.status());
            ZtpException error = badResult.error().orElseThrow();
            assertEquals(ZtpException.Reason.DIGEST_MISMATCH, error.reason());
            assertTrue(error.getMessage().contains(badDigest), error.getMessage());
            assertEquals(old.digest(), headDigest(b.host(), "bad/app", "1"), "destination tag must be unchanged");
            assertFalse(dst.blobExists("bad/app", badDigest), "corrupt blob must not be committed");
            assertTrue(dst.headManifest("bad/app", bad.digest()).isEmpty());
            assertEquals(ImageResult.Status.MIRRORED, r.images().get(1).status());
            assertEquals(ImageResult.Status.MIRRORED, r.images().get(2).status());
            assertSameImage(a.host(), "good/app", b.host(), "good/app", good);
            assertSameImage(a.host(), "good/multi", b.host(), "good/multi", goodIndex);
        }
    }

    @Test
    void interruptedRunResumesWithoutResendingFinishedBlobs() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"));
             RegistryProxy toB = new RegistryProxy(b.host())) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            List<ImageReference> images = new ArrayList<>();
            Map<String, Manifest> manifests = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                List<byte[]> layers = new ArrayList<>();
                for (int l = 0; l < 4; l++) {
                    layers.add(TestImages.randomBytes(100 + i * 10 + l, 2 * MIB));
                }
                manifests.put("app" + i, TestImages.pushImage(src, "app" + i, "1", "amd64", true, layers));
                images.add(ImageReference.parse(a.host() + "/app" + i + ":1"));
            }
            Path journal = tmp.resolve("mirror.journal");
            Set<String> finished = ConcurrentHashMap.newKeySet();
            AtomicReference<Thread> runner = new AtomicReference<>();
            AtomicInteger done = new AtomicInteger();
            RegistryMirror interrupted = RegistryMirror.builder().registry(a.host(), PLAIN).destination(toB.host(), PLAIN)
                    .parallelism(2).journal(journal).listener(e -> {
                        if (blobDone(e) && e.message().equals("transferred")) {
                            finished.add(e.subject());
                            if (done.incrementAndGet() == 6) {
                                runner.get().interrupt();
                            }
                        }
                    }).build();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    interrupted.mirror(TestImages.names(images));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            runner.set(t);
            t.start();
            t.join(60_000);
            assertFalse(t.isAlive());
            assertTrue(thrown.get() instanceof ZtpException z && z.reason() == ZtpException.Reason.CANCELLED,
                    () -> "expected CANCELLED, got " + thrown.get());
            assertTrue(finished.size() >= 6 && finished.size() < 30, "some but not all blobs finished: " + finished.size());
            assertTrue(Files.readString(journal).lines().filter(l -> l.startsWith("B ")).count() >= finished.size());

            toB.reset();
            List<ProgressEvent> events = new CopyOnWriteArrayList<>();
            MirrorResult resumed = RegistryMirror.builder().registry(a.host(), PLAIN).destination(toB.host(), PLAIN)
                    .parallelism(2).journal(journal).listener(events::add).build().mirror(TestImages.names(images));
            assertTrue(resumed.ok(), () -> "failed: " + resumed.failed());
            Map<String, Long> sent = toB.uploadsByDigest();
            Set<String> resent = new HashSet<>(sent.keySet());
            resent.retainAll(finished);
            assertEquals(Set.of(), resent, "blobs finished before the interrupt were sent again");
            assertEquals(sent.values().stream().mapToLong(Long::longValue).sum(), toB.uploadBytes(),
                    "only whole, committed uploads on the resumed run");
            assertTrue(toB.uploadBytes() > 0);
            // finished blobs are taken from the journal (no HEAD, no upload); images finished whole are UNCHANGED
            for (ProgressEvent e : events) {
                if (blobDone(e) && finished.contains(e.subject())) {
                    assertEquals("journaled", e.message(), "journal not used for " + e.subject());
                }
            }
            assertTrue(events.stream().anyMatch(e -> blobDone(e)
                    && e.message().equals("journaled")));
            for (Map.Entry<String, Manifest> e : manifests.entrySet()) {
                assertSameImage(a.host(), e.getKey(), b.host(), e.getKey(), e.getValue());
            }
        }
    }

    @Test
    void basicAuthWorksWithRightCredentialsAndFailsClearlyOtherwise() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"), "mirror", "s3cret-pass")) {
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            Manifest m = TestImages.pushImage(src, "org/app", "1", "amd64", true, List.of(TestImages.randomBytes(30, MIB)));
            List<ImageReference> images = List.of(ImageReference.parse(a.host() + "/org/app:1"));

            MirrorResult anonymous = RegistryMirror.builder().registry(a.host(), PLAIN).destination(b.host(), PLAIN)
                    .build().mirror(TestImages.names(images));
            ZtpException noCreds = anonymous.images().get(0).error().orElseThrow();
            assertEquals(ZtpException.Reason.REGISTRY_UNAUTHORIZED, noCreds.reason());
            assertTrue(noCreds.getMessage().contains("no credentials given"), noCreds.getMessage());

            MirrorResult wrong = RegistryMirror.builder().registry(a.host(), PLAIN)
                    .destination(b.host(), PLAIN.withCredentials("mirror", io.ocatopic.kube.Secret.of("wrong-pass")))
                    .build().mirror(TestImages.names(images));
            ZtpException refused = wrong.images().get(0).error().orElseThrow();
            assertEquals(ZtpException.Reason.REGISTRY_UNAUTHORIZED, refused.reason());
            assertTrue(refused.getMessage().contains("credentials refused"), refused.getMessage());
            assertFalse(refused.getMessage().contains("wrong-pass"));

            // the right credentials, from a Docker/Podman auth file
            Path authJson = tmp.resolve("auth.json");
            Files.writeString(authJson, "{\"auths\":{\"" + b.host() + "\":{\"auth\":\""
                    + Base64.getEncoder().encodeToString("mirror:s3cret-pass".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
            MirrorResult right = RegistryMirror.builder().registry(a.host(), PLAIN).destination(b.host(), PLAIN)
                    .authFile(authJson).build().mirror(TestImages.names(images));
            assertTrue(right.ok(), () -> "failed: " + right.failed());
            RegistryClient dst = RegistryClient.create(b.host(), CLIENT.withCredentials(RegistryCredentials.of("mirror", "s3cret-pass")));
            assertEquals(m.digest(), dst.headManifest("org/app", "1").orElseThrow());
            RegistryClient anon = RegistryClient.create(b.host(), CLIENT);
            RegistryException e = assertThrows(RegistryException.class, () -> anon.headManifest("org/app", "1"));
            assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Pulls the manifest (and its children) by digest from both registries and compares every byte. */
    private void assertSameImage(String srcHost, String srcRepo, String dstHost, String dstRepo, Manifest m) throws Exception {
        byte[] srcManifest = get(srcHost, "/v2/" + srcRepo + "/manifests/" + m.digest());
        byte[] dstManifest = get(dstHost, "/v2/" + dstRepo + "/manifests/" + m.digest());
        assertArrayEquals(srcManifest, dstManifest, "manifest " + m.digest());
        assertEquals(m.digest(), DigestingInputStream.digestOf(dstManifest));
        for (Descriptor child : m.children()) {
            Manifest cm = Manifest.of(child.mediaType(), get(srcHost, "/v2/" + srcRepo + "/manifests/" + child.digest()));
            assertSameImage(srcHost, srcRepo, dstHost, dstRepo, cm);
        }
        for (Descriptor blob : m.blobs()) {
            byte[] s = get(srcHost, "/v2/" + srcRepo + "/blobs/" + blob.digest());
            byte[] d = get(dstHost, "/v2/" + dstRepo + "/blobs/" + blob.digest());
            assertEquals(blob.digest(), DigestingInputStream.digestOf(d));
            assertArrayEquals(s, d, "blob " + blob.digest());
        }
    }

    private byte[] get(String host, String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + path))
                .header("Accept", String.join(",", Manifest.SUPPORTED)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), "GET " + host + path);
        return r.body();
    }

    private String headDigest(String host, String repo, String tag) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/" + repo + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", String.join(",", Manifest.SUPPORTED)).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, r.statusCode());
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private static boolean blobDone(ProgressEvent e) {
        return TestImages.blobDone(e);
    }
}
