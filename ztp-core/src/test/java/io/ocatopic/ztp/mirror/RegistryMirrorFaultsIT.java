package io.ocatopic.ztp.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kube.Secret;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryClient;
import io.ocatopic.kube.internal.oci.RegistryCredentials;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry mirror's faults of issue 16 against real docker-registry instances: authentication races at
 * the default parallelism (htpasswd, and a bearer-token gateway in front of a registry), a fault proxy in
 * front of the source, and a destination that lost what the journal records.
 */
class RegistryMirrorFaultsIT {
    private static final RegistryOptions PLAIN = RegistryOptions.insecurePlainHttp();
    private static final RegistryClient.Options CLIENT = RegistryClient.Options.insecurePlainHttp();
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    private static List<String> pushImages(RegistryClient src, String host, List<String> repos, long seed) throws Exception {
        List<String> images = new ArrayList<>();
        int i = 0;
        for (String repo : repos) {
            TestImages.pushImage(src, repo, "1", "amd64", true, List.of(TestImages.randomBytes(seed + i * 10, MIB),
                    TestImages.randomBytes(seed + i * 10 + 1, 300_000), TestImages.randomBytes(999, 70_000)));
            images.add(host + "/" + repo + ":1");
            i++;
        }
        return images;
    }

    private static void assertAllMirrored(MirrorResult r) {
        for (ImageResult i : r.images()) {
            assertEquals(ImageResult.Status.MIRRORED, i.status(), () -> i.request() + ": " + i.error().map(Throwable::getMessage));
        }
    }

    @Test
    void parallelMirrorToHtpasswdRegistryAuthenticatesEveryImage() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"), "mirror", "s3cret-pass")) {
            List<String> images = pushImages(RegistryClient.create(a.host(), CLIENT), a.host(),
                    List.of("org/one", "org/two", "org/three", "other/four"), 40);
            MirrorResult r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> RegistryMirror.builder()
                    .registry(a.host(), PLAIN)
                    .destination(b.host(), PLAIN.withCredentials("mirror", Secret.of("s3cret-pass")))
                    .parallelism(8).build().mirror(images));
            assertAllMirrored(r);
            RegistryClient dst = RegistryClient.create(b.host(), CLIENT.withCredentials(RegistryCredentials.of("mirror", "s3cret-pass")));
            for (ImageResult i : r.images()) {
                String repo = i.request().destination().substring(b.host().length() + 1).replace(":1", "");
                assertEquals(i.sourceDigest(), dst.headManifest(repo, "1"));
            }
        }
    }

    @Test
    void parallelMirrorThroughBearerTokenRegistryAuthenticatesEveryImage() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"));
             FaultProxy gateway = new FaultProxy(b.host()).bearer("robot", "t0ken-pass")) {
            List<String> images = pushImages(RegistryClient.create(a.host(), CLIENT), a.host(),
                    List.of("org/one", "org/two", "org/three", "other/four"), 50);
            MirrorResult r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> RegistryMirror.builder()
                    .registry(a.host(), PLAIN)
                    .destination(gateway.host(), PLAIN.withCredentials("robot", Secret.of("t0ken-pass")))
                    .parallelism(8).build().mirror(images));
            assertAllMirrored(r);
            assertTrue(gateway.challenges() >= 4, "the gateway challenged: " + gateway.challenges());
            // one token per scope: pull and push per repository, mounts from another repository: far fewer than requests
            assertTrue(gateway.tokensIssued() <= 16, "tokens issued: " + gateway.tokensIssued());

            MirrorResult wrong = RegistryMirror.builder().registry(a.host(), PLAIN)
                    .destination(gateway.host(), PLAIN.withCredentials("robot", Secret.of("WRONG-pass")))
                    .parallelism(8).build().mirror(images.subList(0, 1));
            ZtpException e = wrong.images().get(0).error().orElseThrow();
            assertEquals(ZtpException.Reason.REGISTRY_UNAUTHORIZED, e.reason());
            assertTrue(!e.getMessage().contains("WRONG-pass"), e.getMessage());
        }
    }

    @Test
    void everyImageEndsMirroredOrFailedWithinItsDeadlineUnderFaults() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"), "mirror", "s3cret-pass");
             FaultProxy source = new FaultProxy(a.host())) {
            Map<String, FaultProxy.Fault> faults = new LinkedHashMap<>();
            faults.put("stall", FaultProxy.Fault.STALL);
            faults.put("redirect", FaultProxy.Fault.REDIRECT_DEAD);
            faults.put("err", FaultProxy.Fault.ERROR_500);
            faults.put("short", FaultProxy.Fault.SHORT_BODY);
            faults.put("wrongdigest", FaultProxy.Fault.WRONG_DIGEST);
            faults.put("flaky", FaultProxy.Fault.FLAKY_500);
            faults.forEach(source::fault);
            List<String> repos = new ArrayList<>(List.of("ok/app"));
            faults.keySet().forEach(f -> repos.add(f + "/app"));
            pushImages(RegistryClient.create(a.host(), CLIENT), a.host(), repos, 60);
            List<String> images = repos.stream().map(r -> source.host() + "/" + r + ":1").toList();
            Duration idle = Duration.ofSeconds(1);
            RegistryMirror mirror = RegistryMirror.builder()
                    .registry(source.host(), PLAIN.withTimeouts(Duration.ofSeconds(2), idle, Duration.ofSeconds(20)))
                    .destination(b.host(), PLAIN.withCredentials("mirror", Secret.of("s3cret-pass"))
                            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20)))
                    .parallelism(8).build();
            long start = System.nanoTime();
            MirrorResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> mirror.mirror(images));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);
            Map<String, ImageResult> byRepo = new LinkedHashMap<>();
            for (ImageResult i : r.images()) {
                byRepo.put(i.request().source().substring(source.host().length() + 1).replace(":1", ""), i);
                assertTrue(i.status() == ImageResult.Status.MIRRORED
                        || i.status() == ImageResult.Status.FAILED && !i.error().orElseThrow().getMessage().isBlank(), i::toString);
            }
            assertEquals(ImageResult.Status.MIRRORED, byRepo.get("ok/app").status(), () -> byRepo.get("ok/app").toString());
            assertEquals(ImageResult.Status.MIRRORED, byRepo.get("flaky/app").status(), () -> byRepo.get("flaky/app").toString());
            for (String f : List.of("stall", "redirect", "err", "short", "wrongdigest")) {
                assertEquals(ImageResult.Status.FAILED, byRepo.get(f + "/app").status(), f);
            }
            assertEquals(ZtpException.Reason.TIMEOUT, byRepo.get("stall/app").error().orElseThrow().reason(),
                    () -> byRepo.get("stall/app").error().orElseThrow().getMessage());
            assertEquals(ZtpException.Reason.TIMEOUT, byRepo.get("redirect/app").error().orElseThrow().reason(),
                    () -> byRepo.get("redirect/app").error().orElseThrow().getMessage());
            assertTrue(!r.complete());
        }
    }

    @Test
    void destinationThatLostJournaledContentIsHealedOnRerun() throws Exception {
        try (LocalRegistry a = LocalRegistry.start(tmp.resolve("a"));
             LocalRegistry b = LocalRegistry.start(tmp.resolve("b"))) {
            List<String> images = pushImages(RegistryClient.create(a.host(), CLIENT), a.host(), List.of("org/one", "org/two"), 70);
            RegistryClient src = RegistryClient.create(a.host(), CLIENT);
            Manifest index = TestImages.pushIndex(src, "multi/app", "1.0", true, List.of("amd64", "arm64"), 1, 200_000, 71);
            List<String> all = new ArrayList<>(images);
            all.add(a.host() + "/multi/app:1.0");
            Path journal = tmp.resolve("mirror.journal");
            RegistryMirror mirror = RegistryMirror.builder().registry(a.host(), PLAIN).destination(b.host(), PLAIN)
                    .journal(journal).build();
            MirrorResult first = mirror.mirror(all);
            assertAllMirrored(first);

            // the destination is emptied (reinstalled) behind the journal's back
            try (Stream<Path> files = Files.walk(tmp.resolve("b").resolve("data"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            MirrorResult second = mirror.mirror(all);
            assertAllMirrored(second);
            assertTrue(second.blobsTransferred() > 0, "blobs sent again: " + second.blobsTransferred());
            RegistryClient dst = RegistryClient.create(b.host(), CLIENT);
            assertEquals(index.digest(), dst.headManifest("multi/app", "1.0").orElseThrow());
            for (Manifest child : List.of(dst.getManifest("multi/app", "1.0"))) {
                for (var d : child.children()) {
                    assertTrue(dst.headManifest("multi/app", d.digest()).isPresent());
                }
            }
            MirrorResult third = mirror.mirror(all);
            third.images().forEach(i -> assertEquals(ImageResult.Status.UNCHANGED, i.status()));
        }
    }
}
