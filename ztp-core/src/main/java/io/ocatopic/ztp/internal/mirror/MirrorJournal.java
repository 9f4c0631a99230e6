package io.ocatopic.ztp.internal.mirror;

import io.ocatopic.ztp.ZtpException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The record of finished work that makes a mirror run resumable: blobs and manifests known to be
 * in a destination repository, and which source digest each destination tag was last set from.
 *
 * <p>On disk it is an append-only text file, one record per line, each line written whole and
 * flushed as soon as the work it records is finished; a torn last line (the process was killed
 * mid-write) is ignored when reading. A record only ever speeds a run up: a destination that lost
 * content is noticed when it refuses a manifest, and the image is then re-checked blob by blob.
 *
 * <pre>{@code
 * try (MirrorJournal journal = MirrorJournal.open(Path.of("/var/lib/mirror/journal.txt"))) {
 *     RegistryMirror.builder().journal(journal)...build().mirror(images);
 * }
 * }</pre>
 */
public final class MirrorJournal implements AutoCloseable {
    private final Optional<Path> file;
    private final Set<String> blobs = ConcurrentHashMap.newKeySet();
    private final Set<String> manifests = ConcurrentHashMap.newKeySet();
    private final Map<String, String> tags = new ConcurrentHashMap<>();
    private Writer out;

    private MirrorJournal(Optional<Path> file) {
        this.file = file;
    }

    /**
     * A journal that lives only in memory (nothing survives the process).
     *
     * @return an empty journal
     */
    public static MirrorJournal inMemory() {
        return new MirrorJournal(Optional.empty());
    }

    /**
     * Opens (or creates) a journal file and reads what it records.
     *
     * @param file the journal file; its directory must exist
     * @return the journal, appending to the file
     * @throws ZtpException with {@link ZtpException.Reason#IO} when the file cannot be read or opened
     */
    public static MirrorJournal open(Path file) {
        MirrorJournal j = new MirrorJournal(Optional.of(file));
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    j.apply(line);
                }
            }
            j.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot open mirror journal " + file + ": " + e.getMessage(), e);
        }
        return j;
    }

    private void apply(String line) {
        if (!line.endsWith(" .")) {
            return; // torn or foreign line
        }
        String[] f = line.split(" ");
        if (f[0].equals("B") && f.length == 4) {
            blobs.add(f[1] + "@" + f[2]);
        } else if (f[0].equals("M") && f.length == 4) {
            manifests.add(f[1] + "@" + f[2]);
        } else if (f[0].equals("T") && f.length == 5) {
            tags.put(f[1] + "#" + f[2], f[3]);
        }
    }

    /** @return the journal file, if it is kept on disk */
    public Optional<Path> file() {
        return file;
    }

    /**
     * Whether a blob is recorded as present in a destination repository.
     *
     * @param repository {@code registry/repository}
     * @param digest the blob digest
     * @return whether recorded
     */
    public boolean hasBlob(String repository, String digest) {
        return blobs.contains(repository + "@" + digest);
    }

    /**
     * Records a blob present in a destination repository.
     *
     * @param repository {@code registry/repository}
     * @param digest the blob digest
     */
    public void recordBlob(String repository, String digest) {
        if (blobs.add(repository + "@" + digest)) {
            append("B " + repository + " " + digest);
        }
    }

    /**
     * Forgets a blob (the destination turned out not to have it).
     *
     * @param repository {@code registry/repository}
     * @param digest the blob digest
     */
    public void forgetBlob(String repository, String digest) {
        blobs.remove(repository + "@" + digest);
    }

    /**
     * Whether a manifest is recorded as present in a destination repository.
     *
     * @param repository {@code registry/repository}
     * @param digest the manifest digest
     * @return whether recorded
     */
    public boolean hasManifest(String repository, String digest) {
        return manifests.contains(repository + "@" + digest);
    }

    /**
     * Records a manifest present in a destination repository.
     *
     * @param repository {@code registry/repository}
     * @param digest the manifest digest
     */
    public void recordManifest(String repository, String digest) {
        if (manifests.add(repository + "@" + digest)) {
            append("M " + repository + " " + digest);
        }
    }

    /**
     * The destination digest a tag was set to when mirrored from a given source digest (they differ
     * when an index was reduced to some platforms).
     *
     * @param repository {@code registry/repository}
     * @param tag the destination tag
     * @param sourceDigest the source digest
     * @return the destination digest, if recorded
     */
    public Optional<String> tagDigest(String repository, String tag, String sourceDigest) {
        return Optional.ofNullable(tags.get(repository + "#" + tag + "@" + sourceDigest));
    }

    /**
     * Records that a destination tag was set from a source digest.
     *
     * @param repository {@code registry/repository}
     * @param tag the destination tag
     * @param sourceDigest the source digest
     * @param destinationDigest the digest the tag now points to
     */
    public void recordTag(String repository, String tag, String sourceDigest, String destinationDigest) {
        String key = repository + "#" + tag + "@" + sourceDigest;
        if (!destinationDigest.equals(tags.put(key, destinationDigest))) {
            append("T " + repository + " " + tag + "@" + sourceDigest + " " + destinationDigest);
        }
    }

    private synchronized void append(String record) {
        if (out == null) {
            return;
        }
        try {
            out.write(record + " .\n");
            out.flush();
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot write mirror journal " + file.orElseThrow()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new ZtpException(ZtpException.Reason.IO, "cannot close mirror journal: " + e.getMessage(), e);
            } finally {
                out = null;
            }
        }
    }
}
