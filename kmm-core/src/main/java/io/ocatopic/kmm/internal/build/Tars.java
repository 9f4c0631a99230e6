package io.ocatopic.kmm.internal.build;

import io.ocatopic.kmm.KmmException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Tar helpers: unpacking engine and registry archives safely (no entry may leave the target). */
final class Tars {
    private Tars() {
    }

    /**
     * Unpacks regular files and directories (links and devices are skipped; OCI whiteouts delete).
     *
     * @param tar    the tar stream (not closed)
     * @param target the directory
     * @throws IOException on read or write failure
     */
    static void extract(InputStream tar, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            Path p = root.resolve(e.getName()).normalize();
            if (!p.startsWith(root)) {
                throw new KmmException(KmmException.Reason.IO, "archive entry escapes the target: " + e.getName());
            }
            String file = p.getFileName() == null ? "" : p.getFileName().toString();
            if (file.startsWith(".wh.")) {
                Path victim = p.resolveSibling(file.substring(4));
                deleteRecursively(victim);
                continue;
            }
            if (e.isDirectory()) {
                Files.createDirectories(p);
            } else if (e.isFile()) {
                Files.createDirectories(p.getParent());
                Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }
}
