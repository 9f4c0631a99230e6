package io.ocatopic.ztp.internal.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tar (POSIX ustar, with GNU base-256 sizes above 8 GiB and pax {@code path}/{@code size} records
 * on reading) that an OCI archive is, written straight into volumes of a chosen size and read back by
 * random access over them. A volume is a plain byte range of the tar, so {@code cat site.tar.0*}
 * gives the single-file archive skopeo reads as {@code oci-archive:}.
 */
final class Tar {
    static final int BLOCK = 512;

    private Tar() {
    }

    /** @return the bytes one entry of {@code size} bytes takes in the tar */
    static long entryBytes(long size) {
        return BLOCK + padded(size);
    }

    static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    static byte[] header(String name, long size) {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length > 100) {
            throw new IllegalArgumentException("tar entry name longer than 100 bytes: " + name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size < 077777777777L) {
            octal(h, 124, 12, size);
        } else {
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        octal(h, 136, 12, 0);
        h[156] = '0';
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        return h;
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        int width = len - 1;
        while (s.length() < width) {
            s = "0" + s;
        }
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, width);
        h[off + width] = 0;
    }

    /** Whether a tar block is all zeros (the end of the archive). */
    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** A NUL-terminated header field. */
    static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    /** A header's size field, octal or base-256. */
    static long size(byte[] h) throws IOException {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                v = v << 8 | (h[i] & 0xff);
            }
            return v;
        }
        String s = string(h, 124, 12).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (bad size field)");
        }
    }

    /** Writes the tar into {@code base} (one file) or {@code base.001}, {@code base.002}, ... of at most volumeBytes each. */
    static final class VolumeWriter implements AutoCloseable {
        private final Path base;
        private final long volumeBytes;
        private final List<Path> volumes = new ArrayList<>();
        private FileChannel current;
        private long inCurrent;

        VolumeWriter(Path base, long volumeBytes) {
            this.base = base;
            this.volumeBytes = volumeBytes;
        }

        static Path volumePath(Path base, int n) {
            return base.resolveSibling(base.getFileName() + String.format(".%03d", n));
        }

        private FileChannel channel() throws IOException {
            if (current == null || volumeBytes > 0 && inCurrent == volumeBytes) {
                if (current != null) {
                    current.force(true);
                    current.close();
                }
                Path p = volumeBytes > 0 ? volumePath(base, volumes.size() + 1) : base;
                current = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                volumes.add(p);
                inCurrent = 0;
            }
            return current;
        }

        private long room() {
            return volumeBytes > 0 ? volumeBytes - inCurrent : Long.MAX_VALUE;
        }

        void write(byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                FileChannel c = channel();
                int n = (int) Math.min(b.remaining(), room());
                ByteBuffer slice = b.slice().limit(n);
                while (slice.hasRemaining()) {
                    c.write(slice);
                }
                b.position(b.position() + n);
                inCurrent += n;
            }
        }

        void write(FileChannel src, long len) throws IOException {
            long pos = 0;
            while (pos < len) {
                FileChannel c = channel();
                long n = Math.min(len - pos, room());
                long done = 0;
                while (done < n) {
                    long k = src.transferTo(pos + done, n - done, c);
                    if (k <= 0) {
                        throw new IOException("short read from blob file");
                    }
                    done += k;
                }
                pos += n;
                inCurrent += n;
            }
        }

        void entry(String name, byte[] content) throws IOException {
            write(header(name, content.length));
            write(content);
            write(new byte[(int) (padded(content.length) - content.length)]);
        }

        void entry(String name, Path file) throws IOException {
            try (FileChannel src = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = src.size();
                write(header(name, size));
                write(src, size);
                write(new byte[(int) (padded(size) - size)]);
            }
        }

        List<Path> volumes() {
            return List.copyOf(volumes);
        }

        private boolean closed;

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            write(new byte[2 * BLOCK]);
            if (current != null) {
                current.force(true);
                current.close();
                current = null;
            }
        }
    }

    /** Volumes read as one byte range, in the order given. */
    static final class VolumeSet {
        private final List<Path> files;
        private final long[] starts;
        private final long total;

        VolumeSet(List<Path> files) throws IOException {
            this.files = List.copyOf(files);
            this.starts = new long[files.size()];
            long t = 0;
            for (int i = 0; i < files.size(); i++) {
                starts[i] = t;
                t += Files.size(files.get(i));
            }
            this.total = t;
        }

        long size() {
            return total;
        }

        /** Reads exactly len bytes at offset. */
        byte[] read(long offset, int len) throws IOException {
            byte[] out = new byte[len];
            try (InputStream in = open(offset, len)) {
                int n = in.readNBytes(out, 0, len);
                if (n != len) {
                    throw new IOException("short read");
                }
            }
            return out;
        }

        InputStream open(long offset, long len) {
            return new InputStream() {
                long pos = offset;
                final long end = offset + len;
                FileChannel ch;
                int chIndex = -1;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
                }

                @Override
                public int read(byte[] b, int off, int l) throws IOException {
                    if (pos >= end) {
                        return -1;
                    }
                    int i = volumeAt(pos);
                    if (i != chIndex) {
                        if (ch != null) {
                            ch.close();
                        }
                        ch = FileChannel.open(files.get(i), StandardOpenOption.READ);
                        chIndex = i;
                    }
                    long volEnd = i + 1 < starts.length ? starts[i + 1] : total;
                    int want = (int) Math.min(Math.min(l, end - pos), volEnd - pos);
                    int n = ch.read(ByteBuffer.wrap(b, off, want), pos - starts[i]);
                    if (n <= 0) {
                        throw new IOException("volume " + files.get(i).getFileName() + " ended early");
                    }
                    pos += n;
                    return n;
                }

                @Override
                public void close() throws IOException {
                    if (ch != null) {
                        ch.close();
                    }
                }
            };
        }

        private int volumeAt(long pos) {
            for (int i = starts.length - 1; i >= 0; i--) {
                if (pos >= starts[i]) {
                    return i;
                }
            }
            return 0;
        }

        /**
         * Reads every entry's name, data offset and size, seeking over the data.
         *
         * @throws IOException naming the entry that runs past the end when the archive is cut short
         */
        Map<String, long[]> index() throws IOException {
            Map<String, long[]> out = new LinkedHashMap<>();
            long pos = 0;
            String paxPath = null;
            Long paxSize = null;
            while (true) {
                if (pos + BLOCK > total) {
                    throw new IOException("archive ends at byte " + total + " without the tar end marker"
                            + " (a volume is truncated or a later volume is missing)");
                }
                byte[] h = read(pos, BLOCK);
                if (allZero(h)) {
                    return out;
                }
                String name = string(h, 0, 100);
                String prefix = string(h, 345, 155);
                if (!prefix.isEmpty() && h[257] == 'u') {
                    name = prefix + "/" + name;
                }
                long size = Tar.size(h);
                char type = (char) h[156];
                long data = pos + BLOCK;
                if (data + size > total) {
                    throw new IOException("archive entry " + name + " needs " + size + " bytes at byte " + data
                            + " but the archive ends at byte " + total
                            + " (a volume is truncated or a later volume is missing)");
                }
                if (type == 'x') {
                    String pax = new String(read(data, (int) size), StandardCharsets.UTF_8);
                    for (String rec : pax.split("\n")) {
                        int sp = rec.indexOf(' ');
                        int eq = rec.indexOf('=');
                        if (sp > 0 && eq > sp) {
                            String k = rec.substring(sp + 1, eq);
                            String v = rec.substring(eq + 1);
                            if (k.equals("path")) {
                                paxPath = v;
                            } else if (k.equals("size")) {
                                paxSize = Long.parseLong(v);
                            }
                        }
                    }
                    pos = data + padded(size);
                    continue;
                }
                if (paxPath != null) {
                    name = paxPath;
                }
                if (paxSize != null) {
                    size = paxSize;
                }
                paxPath = null;
                paxSize = null;
                if (type == '0' || type == 0) {
                    while (name.startsWith("./")) {
                        name = name.substring(2);
                    }
                    out.put(name, new long[] {data, size});
                }
                pos = data + padded(size);
            }
        }
    }
}
