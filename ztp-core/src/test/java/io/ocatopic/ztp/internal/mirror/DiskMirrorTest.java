package io.ocatopic.ztp.internal.mirror;

import io.ocatopic.ztp.mirror.RegistryMirror;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.mirror.MirrorResult;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;
import io.ocatopic.ztp.mirror.RegistryMirror.MirrorRequest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.openshift.api.model.config.v1.ImageTagMirrorSet;
import io.ocatopic.kube.SchemaCheck;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar volumes and the site objects of a mirror run, without registries. */
class DiskMirrorTest {
    @TempDir
    Path tmp;

    @Test
    void tarVolumesRoundTripAcrossBoundariesAndTruncationIsNamed() throws Exception {
        byte[] big = randomBytes(5, 3 * 1024 * 1024 + 17);
        Path blob = tmp.resolve("blob");
        Files.write(blob, big);
        Path base = tmp.resolve("a.tar");
        List<Path> vols;
        try (Tar.VolumeWriter w = new Tar.VolumeWriter(base, 1 << 20)) {
            w.entry("oci-layout", OciLayout.layoutFile());
            w.entry("blobs/sha256/" + "a".repeat(64), blob);
            w.close();
            vols = w.volumes();
        }
        assertEquals(4, vols.size());
        Tar.VolumeSet set = new Tar.VolumeSet(vols);
        Map<String, long[]> index = set.index();
        long[] e = index.get("blobs/sha256/" + "a".repeat(64));
        assertEquals(big.length, e[1]);
        assertArrayEquals(big, set.read(e[0], (int) e[1]));
        try (RandomAccessFile raf = new RandomAccessFile(vols.get(2).toFile(), "rw")) {
            raf.setLength(1000);
        }
        IOException cut = assertThrows(IOException.class, () -> new Tar.VolumeSet(vols).index());
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }

    @Test
    void tagMirrorSetAndDigestMirrorSetPassTheUpstreamCrd() {
        String d = "sha256:" + "b".repeat(64);
        ImageResult tagged = new ImageResult(MirrorRequest.of("quay.io/org/app:1", "site.local:5000/org/app:1"),
                ImageResult.Status.MIRRORED, Optional.of(d), Optional.of(d), List.of(), 0, Duration.ZERO, Optional.empty());
        ImageResult byDigest = new ImageResult(MirrorRequest.of("quay.io/org/db@" + d, "site.local:5000/org/db"),
                ImageResult.Status.MIRRORED, Optional.of(d), Optional.of(d), List.of(), 0, Duration.ZERO, Optional.empty());
        MirrorResult r = new MirrorResult(List.of(tagged, byDigest), 0, 0, 0, Duration.ZERO);
        ImageTagMirrorSet itms = r.imageTagMirrorSet("site", ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE);
        assertEquals(1, itms.getSpec().getImageTagMirrors().size());
        assertEquals("quay.io/org/app", itms.getSpec().getImageTagMirrors().get(0).getSource());
        SchemaCheck.Report report = SchemaCheck.bundled().checkAll(List.of(itms,
                r.imageDigestMirrorSet("site", ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE)));
        report.results().forEach(x -> assertTrue(x.conforms(), x.ref() + ": " + x.problems()));
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
