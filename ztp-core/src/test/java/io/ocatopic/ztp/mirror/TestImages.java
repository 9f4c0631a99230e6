package io.ocatopic.ztp.mirror;

import io.ocatopic.kube.internal.oci.ImageReference;

import io.ocatopic.kube.internal.oci.Descriptor;
import io.ocatopic.kube.internal.oci.Manifest;
import io.ocatopic.kube.internal.oci.RegistryClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Makes images in a registry by pushing blobs and manifests with {@link RegistryClient}. */
final class TestImages {
    private TestImages() {
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Pushes the layers and a config, then an image manifest (OCI or Docker schema 2) under the tag. */
    static Manifest pushImage(RegistryClient c, String repo, String tag, String arch, boolean oci, List<byte[]> layers)
            throws Exception {
        String config = "{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
                + "\"config\":{},\"created\":\"2024-01-01T00:00:00Z\",\"tag\":\"" + repo + ":" + tag + "\"}";
        Descriptor cfg = c.pushBlob(repo, config.getBytes(StandardCharsets.UTF_8));
        List<String> layerJson = new ArrayList<>();
        for (byte[] l : layers) {
            Descriptor d = c.pushBlob(repo, l);
            layerJson.add("{\"mediaType\":\"" + (oci ? "application/vnd.oci.image.layer.v1.tar+gzip"
                    : "application/vnd.docker.image.rootfs.diff.tar.gzip") + "\",\"digest\":\"" + d.digest()
                    + "\",\"size\":" + d.size() + "}");
        }
        String type = oci ? Manifest.OCI_MANIFEST : Manifest.DOCKER_MANIFEST;
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"config\":{\"mediaType\":\""
                + (oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json")
                + "\",\"digest\":\"" + cfg.digest() + "\",\"size\":" + cfg.size() + "},\"layers\":["
                + String.join(",", layerJson) + "]}";
        Manifest m = Manifest.of(type, json.getBytes(StandardCharsets.UTF_8));
        c.putManifest(repo, tag == null ? m.digest() : tag, m);
        return m;
    }

    /** Pushes one image per architecture (by digest) and an index of them under the tag. */
    static Manifest pushIndex(RegistryClient c, String repo, String tag, boolean oci, List<String> arches,
                              int layersEach, int layerSize, long seed) throws Exception {
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String arch : arches) {
            List<byte[]> layers = new ArrayList<>();
            for (int l = 0; l < layersEach; l++) {
                layers.add(randomBytes(seed * 1000 + i * 100 + l, layerSize));
            }
            Manifest m = pushImage(c, repo, null, arch, oci, layers);
            entries.add("{\"mediaType\":\"" + m.mediaType() + "\",\"digest\":\"" + m.digest() + "\",\"size\":" + m.size()
                    + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}");
            i++;
        }
        String type = oci ? Manifest.OCI_INDEX : Manifest.DOCKER_LIST;
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"manifests\":[" + String.join(",", entries) + "]}";
        Manifest index = Manifest.of(type, json.getBytes(StandardCharsets.UTF_8));
        c.putManifest(repo, tag, index);
        return index;
    }

    /** The names of images, as {@link RegistryMirror#mirror} takes them. */
    static java.util.List<String> names(java.util.Collection<ImageReference> refs) {
        return refs.stream().map(ImageReference::toString).toList();
    }

    /** Whether an event says a blob is at the destination (sent or skipped). */
    static boolean blobDone(io.ocatopic.kube.ProgressEvent e) {
        return e.step().equals(RegistryMirror.STEP_BLOB) && (e.kind() == io.ocatopic.kube.ProgressEvent.Kind.DONE
                || e.kind() == io.ocatopic.kube.ProgressEvent.Kind.SKIPPED);
    }
}
