package io.ocatopic.kmm.internal.sign;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * How a module file is compressed, detected from its name ({@code .ko}, {@code .ko.xz},
 * {@code .ko.zst}, {@code .ko.gz}).
 *
 * <p>Modules are signed uncompressed and compressed afterwards, with the settings kbuild uses
 * (kernel 6.1 {@code scripts/Makefile.modinst}: {@code xz --check=crc32 --lzma2=dict=1MiB},
 * {@code gzip -n}, {@code zstd} at its default level with a content checksum), so kmod and the
 * kernel's in-kernel decompressor both read the result.
 */
public enum ModuleCompression {
    /** A plain {@code .ko}. */
    NONE(""),
    /** {@code .ko.xz} (XZ for Java, CRC32 check, 1 MiB dictionary). */
    XZ(".xz"),
    /** {@code .ko.zst} (zstd-jni, level 3, content checksum). */
    ZSTD(".zst"),
    /** {@code .ko.gz} (java.util.zip, no name, no time stamp). */
    GZIP(".gz");

    private final String suffix;

    ModuleCompression(String suffix) {
        this.suffix = suffix;
    }

    /** @return the same compression as the API reports it in {@link io.ocatopic.kmm.sign.SignResult} */
    public io.ocatopic.kmm.sign.SignResult.Compression api() {
        return io.ocatopic.kmm.sign.SignResult.Compression.valueOf(name());
    }

    /** @return the file name suffix after {@code .ko}, empty for none */
    public String suffix() {
        return suffix;
    }

    /**
     * Detects the compression from a file name.
     *
     * @param file the module file
     * @return the compression ({@link #NONE} unless the name ends in .xz, .zst or .gz)
     */
    public static ModuleCompression of(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".xz")) {
            return XZ;
        } else if (name.endsWith(".zst")) {
            return ZSTD;
        } else if (name.endsWith(".gz")) {
            return GZIP;
        }
        return NONE;
    }

    /**
     * Wraps a stream of compressed bytes so that it reads the module bytes.
     *
     * @param in the compressed stream
     * @return the decompressing stream
     * @throws IOException when the header is not of this format
     */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case XZ -> new XZInputStream(in);
            case ZSTD -> new com.github.luben.zstd.ZstdInputStream(in);
            case GZIP -> new GZIPInputStream(in, 1 << 16);
        };
    }

    /**
     * Wraps an output stream so that module bytes written to it are compressed the kbuild way.
     * Closing the returned stream finishes the compressed format and closes {@code out}.
     *
     * @param out where the compressed bytes go
     * @return the compressing stream
     * @throws IOException when the compressor cannot start
     */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case XZ -> {
                LZMA2Options options = new LZMA2Options(LZMA2Options.PRESET_DEFAULT);
                options.setDictSize(1 << 20);
                yield new XZOutputStream(out, options, org.tukaani.xz.XZ.CHECK_CRC32);
            }
            case ZSTD -> {
                com.github.luben.zstd.ZstdOutputStream z = new com.github.luben.zstd.ZstdOutputStream(out, 3);
                z.setChecksum(true);
                yield z;
            }
            case GZIP -> new GZIPOutputStream(out, 1 << 16);
        };
    }
}
