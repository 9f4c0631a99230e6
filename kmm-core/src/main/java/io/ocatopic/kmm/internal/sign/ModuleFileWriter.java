package io.ocatopic.kmm.internal.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm;
import io.ocatopic.kmm.sign.ModuleSigner.SignerIdentifier;
import io.ocatopic.kmm.sign.SignResult;
import io.ocatopic.kube.ProgressEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * The streaming module-file writer behind {@code ModuleSigner}: copies a module once while hashing it,
 * appends the CMS blob ({@link ModuleCms}), the {@code struct module_signature} and the magic
 * ({@link SignatureTrailer}), and renames the temporary file over the target.
 *
 * <p>The whole module file is the signed payload. It is streamed once through the JDK's
 * {@link MessageDigest} (hardware SHA instructions) while being copied to a temporary file next to
 * the target; the trailer is appended and the temporary file is renamed over the target. A failure or
 * an interrupt never leaves a half-signed module. Heap use does not depend on the module size.
 * Instances are immutable and thread-safe (each call uses its own digest and signature objects).
 */
public final class ModuleFileWriter {
    private static final int BUFFER = 1 << 20;
    private static final long PARALLEL_COPY_THRESHOLD = 8L << 20;
    private static final long MAP_WINDOW = 64L << 20;

    private final ModuleCms cms;
    private final HashAlgorithm hash;
    private final SignerIdentifier signerIdentifier;
    private final boolean resign;
    private final boolean fsync;
    private final boolean allowNonElf;
    private final ProgressEvent.Listener progress;

    /**
     * A writer.
     *
     * @param cms              the CMS encoder (key, digest and signer identifier)
     * @param hash             the digest
     * @param signerIdentifier how signatures name the certificate
     * @param resign           whether an existing signature is stripped and replaced
     * @param fsync            whether the signed file is flushed before the rename
     * @param allowNonElf      whether a payload that is not an ELF relocatable object is signed anyway
     * @param progress         receives {@code ADVANCED} events (step {@code sign}), or null
     * @throws KmmException {@code UNSUPPORTED_ALGORITHM} when the digest is not available
     */
    public ModuleFileWriter(ModuleCms cms, HashAlgorithm hash, SignerIdentifier signerIdentifier, boolean resign,
                            boolean fsync, boolean allowNonElf, ProgressEvent.Listener progress) {
        this.cms = Objects.requireNonNull(cms, "cms");
        this.hash = Objects.requireNonNull(hash, "hash");
        this.signerIdentifier = Objects.requireNonNull(signerIdentifier, "signerIdentifier");
        this.resign = resign;
        this.fsync = fsync;
        this.allowNonElf = allowNonElf;
        this.progress = progress;
        digest();
    }

    private void progress(String subject, long done, long total) {
        if (progress != null) {
            progress.on(ProgressEvent.advanced("sign", subject, done, total));
        }
    }

    /**
     * Signs a module file into another file (which may be the same file). The compression is taken
     * from the input's name; the output is compressed the same way.
     *
     * <p>Only regular files are opened (a FIFO would block, a device node would be replaced); the
     * payload must be an ELF relocatable object unless {@code allowNonElf}. The
     * temporary files ({@code .<name>.ocatopic-sign-<pid>-<start>-<n>.tmp}) are removed on failure, on
     * SIGINT/SIGTERM (a shutdown hook) and, when a killed process left them, by the next signer that
     * writes into the same directory.
     *
     * @param in  the module ({@code .ko}, {@code .ko.xz}, {@code .ko.zst}, {@code .ko.gz})
     * @param out where the signed module goes, written atomically
     * @return what was done
     * @throws KmmException {@code ALREADY_SIGNED} (unless re-signing), {@code BAD_MODULE} (not a
     *                      regular file, not ELF, truncated), {@code INVALID} ({@code out} is not a
     *                      regular file), {@code IO} (a disk full says so, with the free space),
     *                      {@code CRYPTO}, {@code INTERRUPTED}
     */
    public SignResult sign(Path in, Path out) {
        long start = System.nanoTime();
        checkInterrupt();
        ModuleCompression compression = ModuleCompression.of(in);
        Path dir = out.toAbsolutePath().getParent();
        requireRegular(in, out);
        TempFiles.removeStale(dir);
        Path tmp = null;
        Path plain = null;
        try {
            tmp = TempFiles.create(dir, out.getFileName().toString(), ".tmp");
            Outcome o;
            if (compression == ModuleCompression.NONE) {
                try (FileChannel src = FileChannel.open(in, StandardOpenOption.READ);
                     FileChannel dst = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    o = signChannel(src, in, dst, tmp);
                    if (fsync) {
                        dst.force(true);
                    }
                }
            } else {
                // decompress to a private temporary file, then sign it into the compressor
                plain = TempFiles.create(dir, out.getFileName().toString(), ".plain.tmp");
                try (InputStream raw = Files.newInputStream(in);
                     InputStream dec = compression.decompress(raw);
                     OutputStream po = Files.newOutputStream(plain)) {
                    dec.transferTo(po);
                } catch (IOException e) {
                    if (TempFiles.isDiskFull(e)) {
                        throw TempFiles.diskFull(dir, out, Files.size(in), e);
                    }
                    throw new KmmException(Reason.BAD_MODULE, in.getFileName() + " is not a valid "
                            + compression.name().toLowerCase(java.util.Locale.ROOT) + " file: " + e.getMessage(), e);
                }
                try (FileChannel src = FileChannel.open(plain, StandardOpenOption.READ);
                     FileChannel dstCh = FileChannel.open(tmp, StandardOpenOption.WRITE);
                     OutputStream comp = compression.compress(new BufferedOutputStream(Channels.newOutputStream(dstCh), BUFFER))) {
                    o = signChannel(src, in, Channels.newChannel(comp), null);
                    comp.flush();
                }
                if (fsync) {
                    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        c.force(true);
                    }
                }
            }
            copyPermissions(Files.exists(out) ? out : in, tmp);
            FileChannel replaced = holdLargeFile(out);
            try {
                move(tmp, out);
            } catch (IOException | RuntimeException e) {
                if (replaced != null) {
                    replaced.close(); // the old file stays in place: nothing to free later
                }
                throw e;
            }
            tmp = null;
            releaseInBackground(replaced);
            return new SignResult(out, hash, signerIdentifier, compression.api(), o.payloadBytes, o.sigLen,
                    HexFormat.of().formatHex(o.digest), o.resigned, Duration.ofNanos(System.nanoTime() - start));
        } catch (NoSuchFileException e) {
            throw new KmmException(Reason.IO, "no such file: " + e.getFile(), e);
        } catch (java.nio.channels.ClosedByInterruptException | java.io.InterruptedIOException e) {
            throw new KmmException(Reason.INTERRUPTED, "signing was interrupted; nothing was written", e);
        } catch (IOException e) {
            if (TempFiles.isDiskFull(e)) {
                throw TempFiles.diskFull(dir, out, sizeOrZero(in), e);
            }
            throw new KmmException(Reason.IO, "cannot sign " + in + " into " + out + ": " + e, e);
        } finally {
            TempFiles.delete(tmp);
            TempFiles.delete(plain);
        }
    }

    private static long sizeOrZero(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Refuses anything but regular files before opening them: opening a FIFO blocks until a writer
     * appears (and reading it never ends), and renaming over a device node or a directory would
     * replace it with a regular file.
     */
    private static void requireRegular(Path in, Path out) {
        java.nio.file.attribute.BasicFileAttributes a;
        try {
            a = Files.readAttributes(in, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new KmmException(Reason.IO, "no such file: " + in, e);
        } catch (IOException e) {
            throw new KmmException(Reason.IO, "cannot read " + in + ": " + e.getClass().getSimpleName(), e);
        }
        if (!a.isRegularFile()) {
            throw new KmmException(Reason.BAD_MODULE, in + " is " + kind(a)
                    + ", not a regular file; only regular module files can be signed");
        }
        try {
            java.nio.file.attribute.BasicFileAttributes o =
                    Files.readAttributes(out, java.nio.file.attribute.BasicFileAttributes.class);
            if (!o.isRegularFile()) {
                throw KmmException.invalid(java.util.List.of(new io.ocatopic.core.Problem("out", out + " is " + kind(o)
                        + "; the signed module would replace it with a regular file: name a regular file or a new path")));
            }
        } catch (NoSuchFileException e) {
            // a new file: fine
        } catch (IOException e) {
            throw new KmmException(Reason.IO, "cannot read " + out + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param a a file's attributes
     * @return what it is, for messages ("a directory", "a FIFO, socket or device node")
     */
    public static String kind(java.nio.file.attribute.BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        if (a.isOther()) {
            return "a FIFO, socket or device node";
        }
        return "not a regular file";
    }

    /**
     * Checks the ELF header of the payload as the kernel's {@code elf_validity_check}
     * ({@code kernel/module/main.c}) does before loading: the {@code \x7fELF} magic, a known class
     * and byte order, {@code ET_REL}, and a section header table that lies inside the file (a truncated
     * module loses it first, as it sits at the end). {@code sign-file} itself signs any bytes, so
     * {@code allowNonElf} turns this off.
     */
    private void checkElf(FileChannel src, long payload, Path name) throws IOException {
        if (allowNonElf) {
            return;
        }
        String file = String.valueOf(name.getFileName());
        String fix = "; sign a kernel module (.ko), or allow a non-ELF payload (kmm sign --force)";
        if (payload < 52) {
            throw new KmmException(Reason.BAD_MODULE, file + " is " + (payload == 0 ? "empty" : "too short for an ELF header ("
                    + payload + " bytes)") + fix);
        }
        ByteBuffer h = ByteBuffer.allocate((int) Math.min(64, payload));
        readFully(src, h, 0);
        if (h.get(0) != 0x7f || h.get(1) != 'E' || h.get(2) != 'L' || h.get(3) != 'F') {
            throw new KmmException(Reason.BAD_MODULE, file + " is not an ELF file (no \\x7fELF magic)" + fix);
        }
        int cls = h.get(4);
        int data = h.get(5);
        if ((cls != 1 && cls != 2) || (data != 1 && data != 2)) {
            throw new KmmException(Reason.BAD_MODULE, file + " has an unknown ELF class " + cls + " or byte order " + data + fix);
        }
        h.order(data == 1 ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        int ehsize = cls == 2 ? 64 : 52;
        if (payload < ehsize) {
            throw new KmmException(Reason.BAD_MODULE, file + " is truncated: " + payload + " bytes, less than its ELF header" + fix);
        }
        int type = Short.toUnsignedInt(h.getShort(16));
        if (type != 1) {
            throw new KmmException(Reason.BAD_MODULE, file + " is an ELF file of type " + type
                    + ", not a relocatable object (ET_REL) as kernel modules are" + fix);
        }
        long shoff = cls == 2 ? h.getLong(0x28) : Integer.toUnsignedLong(h.getInt(0x20));
        int shentsize = Short.toUnsignedInt(h.getShort(cls == 2 ? 0x3A : 0x2E));
        int shnum = Short.toUnsignedInt(h.getShort(cls == 2 ? 0x3C : 0x30));
        if (shnum == 0 || shoff < 0 || shoff > payload || (long) shnum * shentsize > payload - shoff) {
            throw new KmmException(Reason.BAD_MODULE, file + " is truncated or damaged: its section header table ("
                    + shnum + " x " + shentsize + " bytes at " + shoff + ") does not fit in " + payload + " bytes" + fix);
        }
    }

    /**
     * Signs a module file in place (atomically replacing it).
     *
     * @param module the module
     * @return what was done
     * @throws KmmException as {@code sign(Path, Path)}
     */
    public SignResult signInPlace(Path module) {
        return sign(module, module);
    }

    /**
     * Streams an unsigned, uncompressed module from {@code in} to {@code out} and appends the
     * signature. Because the end of a stream is only known when it is reached, signed input is
     * detected only at the end: the call then throws {@code ALREADY_SIGNED} and what was written to
     * {@code out} must be discarded. Neither stream is closed.
     *
     * @param in  the module bytes
     * @param out where the signed module goes
     * @return the number of bytes written
     * @throws KmmException {@code ALREADY_SIGNED}, {@code IO}, {@code CRYPTO}, {@code INTERRUPTED}
     */
    public long sign(InputStream in, OutputStream out) {
        MessageDigest md = digest();
        byte[] buf = new byte[BUFFER];
        byte[] tail = new byte[SignatureTrailer.MAGIC.length];
        int tailLen = 0;
        long total = 0;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                checkInterrupt();
                md.update(buf, 0, n);
                out.write(buf, 0, n);
                total += n;
                tailLen = keepTail(tail, tailLen, buf, n);
                progress("", total, 0);
            }
            if (tailLen == tail.length && SignatureTrailer.isMagic(tail, 0)) {
                throw new KmmException(Reason.ALREADY_SIGNED, "the module stream is already signed");
            }
            byte[] cms = this.cms.encode(md.digest());
            out.write(cms);
            out.write(SignatureTrailer.encode(cms.length));
            out.flush();
            return total + cms.length + SignatureTrailer.SIZE;
        } catch (IOException e) {
            if (TempFiles.isDiskFull(e)) {
                throw new KmmException(Reason.IO, "disk full: no space left on the device the signed module is written to, after "
                        + total + " bytes; free space and run again", e);
            }
            throw new KmmException(Reason.IO, "cannot stream the module: " + e, e);
        }
    }

    /**
     * Computes only the detached CMS signature of a payload (what {@code sign-file -d} writes to
     * {@code <module>.p7s}).
     *
     * @param payload the bytes to sign, read to the end, not closed
     * @return the DER-encoded CMS {@code SignedData}
     * @throws KmmException {@code IO}, {@code CRYPTO}
     */
    public byte[] detachedSignature(InputStream payload) {
        MessageDigest md = digest();
        byte[] buf = new byte[BUFFER];
        try {
            int n;
            while ((n = payload.read(buf)) >= 0) {
                checkInterrupt();
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new KmmException(Reason.IO, "cannot read the payload: " + e, e);
        }
        return cms.encode(md.digest());
    }

    /**
     * Computes the detached CMS signature for a payload digest computed elsewhere.
     *
     * @param payloadDigest the digest of the payload with the writer's digest
     * @return the DER-encoded CMS {@code SignedData}
     * @throws KmmException {@code INVALID} for a digest of the wrong length, {@code CRYPTO}
     */
    public byte[] signatureForDigest(byte[] payloadDigest) {
        if (payloadDigest.length != digest().getDigestLength()) {
            throw new KmmException(Reason.INVALID, "digest length " + payloadDigest.length + " does not fit "
                    + hash.kernelName());
        }
        return cms.encode(payloadDigest.clone());
    }

    private record Outcome(long payloadBytes, int sigLen, byte[] digest, boolean resigned) {
    }

    private Outcome signChannel(FileChannel src, Path name, WritableByteChannel dst, Path dstPath) throws IOException {
        long size = src.size();
        long payload = size;
        boolean stripped = false;
        if (size >= SignatureTrailer.MAGIC.length) {
            ByteBuffer magic = ByteBuffer.allocate(SignatureTrailer.MAGIC.length);
            readFully(src, magic, size - SignatureTrailer.MAGIC.length);
            if (SignatureTrailer.isMagic(magic.array(), 0)) {
                if (!resign) {
                    throw new KmmException(Reason.ALREADY_SIGNED, name.getFileName()
                            + " is already signed; ask to re-sign to replace its signature");
                }
                if (size < SignatureTrailer.SIZE) {
                    throw new KmmException(Reason.BAD_MODULE, name.getFileName() + " ends with the signature magic but is too short");
                }
                ByteBuffer info = ByteBuffer.allocate(SignatureTrailer.INFO_SIZE);
                readFully(src, info, size - SignatureTrailer.SIZE);
                long sigLen = Integer.toUnsignedLong(info.getInt(8));
                if (sigLen == 0 || sigLen > size - SignatureTrailer.SIZE) {
                    throw new KmmException(Reason.BAD_MODULE, name.getFileName()
                            + " has a damaged signature trailer (sig_len " + sigLen + "); cannot strip it");
                }
                payload = size - SignatureTrailer.SIZE - sigLen;
                stripped = true;
            }
        }
        checkElf(src, payload, name);
        MessageDigest md = digest();
        if (dst instanceof FileChannel out && dstPath != null && payload >= PARALLEL_COPY_THRESHOLD) {
            // large plain module: the kernel copies the payload (transferTo) on one thread while this
            // thread hashes the same page-cache pages, so the copy hides behind the hash
            copyWhileHashing(src, payload, dstPath, md, String.valueOf(name.getFileName()));
            out.position(payload);
        } else {
            hashAndCopy(src, payload, dst, md, String.valueOf(name.getFileName()));
        }
        byte[] d = md.digest();
        byte[] cms = this.cms.encode(d);
        ByteBuffer tail = ByteBuffer.allocate(cms.length + SignatureTrailer.SIZE);
        tail.put(cms).put(SignatureTrailer.encode(cms.length)).flip();
        while (tail.hasRemaining()) {
            dst.write(tail);
        }
        return new Outcome(payload, cms.length, d, stripped);
    }

    private void hashAndCopy(FileChannel src, long payload, WritableByteChannel dst, MessageDigest md, String subject) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        byte[] arr = buf.array();
        long pos = 0;
        while (pos < payload) {
            checkInterrupt();
            buf.clear();
            if (payload - pos < BUFFER) {
                buf.limit((int) (payload - pos));
            }
            int n = src.read(buf, pos);
            if (n < 0) {
                throw new IOException("file shrank while being signed");
            }
            md.update(arr, 0, n);
            buf.flip();
            while (buf.hasRemaining()) {
                dst.write(buf);
            }
            pos += n;
            progress(subject, pos, payload);
        }
    }

    /**
     * Copies the payload into {@code dstPath} on a second thread while this thread hashes it.
     *
     * <p>The copy: {@code transferTo} ({@code copy_file_range}/{@code sendfile}, no user-space copy)
     * through a channel of its own, opened with {@code O_TRUNC}. On ext4 that marks the file for
     * {@code auto_da_alloc}'s "replace via truncate" rule (Documentation/admin-guide/ext4.rst,
     * {@code auto_da_alloc}; {@code ext4_truncate} sets {@code EXT4_STATE_DA_ALLOC_CLOSE} even when
     * the size does not change, {@code ext4_release_file} then calls {@code ext4_alloc_da_blocks}), so
     * closing that channel allocates the payload's blocks and starts its writeback here, overlapped
     * with the hash. Without it the same flush happens inside the final {@code rename} over an
     * existing module ("replace via rename"), after the hash, on the critical path (measured:
     * 0.1-0.45 s for 256 MiB on a virtio disk, as long as the hash itself). The crash behaviour is
     * unchanged (the data is still pushed out before the rename commits); elsewhere it is a no-op.
     *
     * <p>The hash: {@link MessageDigest#update(ByteBuffer)} over read-only mappings of the source,
     * which saves the {@code read} copy into the heap (the JDK's SHA-2 then works from a small,
     * cache-resident temporary array).
     */
    private void copyWhileHashing(FileChannel src, long payload, Path dstPath, MessageDigest md, String subject) throws IOException {
        IOException[] copyError = new IOException[1];
        Thread copier = new Thread(() -> {
            try (FileChannel out = FileChannel.open(dstPath, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                long done = 0;
                while (done < payload) {
                    long n = src.transferTo(done, payload - done, out);
                    if (n <= 0) {
                        throw new IOException("file shrank while being signed");
                    }
                    done += n;
                }
            } catch (IOException e) {
                copyError[0] = e;
            }
        }, "ocatopic-module-copy");
        copier.setDaemon(true);
        copier.start();
        try {
            hashMapped(src, payload, md, subject);
            copier.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmmException(Reason.INTERRUPTED, "signing was interrupted; nothing was written", e);
        } finally {
            if (copier.isAlive()) {
                copier.interrupt();
                try {
                    copier.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (copyError[0] != null) {
            throw copyError[0];
        }
    }

    private void hashMapped(FileChannel src, long payload, MessageDigest md, String subject) throws IOException {
        long pos = 0;
        try {
            while (pos < payload) {
                long windowSize = Math.min(MAP_WINDOW, payload - pos);
                MappedByteBuffer window = src.map(FileChannel.MapMode.READ_ONLY, pos, windowSize);
                int off = 0;
                while (off < windowSize) {
                    checkInterrupt();
                    int n = (int) Math.min(BUFFER, windowSize - off);
                    md.update(window.limit(off + n).position(off));
                    off += n;
                    pos += n;
                    progress(subject, pos, payload);
                }
            }
        } catch (InternalError e) {
            // SIGBUS on a mapped page: the file was truncated under us
            throw new IOException("file shrank while being signed", e);
        }
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(hash.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new KmmException(Reason.UNSUPPORTED_ALGORITHM, "digest " + hash.kernelName() + " is not available", e);
        }
    }

    private static int keepTail(byte[] tail, int tailLen, byte[] buf, int n) {
        int keep = tail.length;
        if (n >= keep) {
            System.arraycopy(buf, n - keep, tail, 0, keep);
            return keep;
        }
        int total = Math.min(keep, tailLen + n);
        int fromOld = total - n;
        System.arraycopy(tail, tailLen - fromOld, tail, 0, fromOld);
        System.arraycopy(buf, 0, tail, fromOld, n);
        return total;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        b.flip();
    }

    private static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new KmmException(Reason.INTERRUPTED, "signing was interrupted; nothing was written");
        }
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView v = Files.getFileAttributeView(from, PosixFileAttributeView.class);
            if (v != null) {
                Set<PosixFilePermission> perms = v.readAttributes().permissions();
                Files.setPosixFilePermissions(to, perms);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the temporary file keeps its owner-only mode
        }
    }

    /**
     * Opens a large module that the rename is about to replace, so that the rename only unlinks it:
     * freeing its page cache and blocks then happens when this channel is closed, off the caller's
     * path (measured 0.05-0.3 s for 256 MiB on ext4, as long as hashing it). {@code null} when there
     * is nothing (large) to replace.
     */
    private static FileChannel holdLargeFile(Path out) {
        try {
            if (Files.size(out) < PARALLEL_COPY_THRESHOLD) {
                return null;
            }
            return FileChannel.open(out, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static void releaseInBackground(FileChannel replaced) {
        if (replaced == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                replaced.close();
            } catch (IOException e) {
                // the old file is unlinked already; nothing more to do
            }
        }, "ocatopic-module-release");
        t.setDaemon(true);
        t.start();
    }

    private static void move(Path tmp, Path out) throws IOException {
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
