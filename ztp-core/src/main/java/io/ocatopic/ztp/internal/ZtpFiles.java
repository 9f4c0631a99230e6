package io.ocatopic.ztp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.AtomicFiles;
import io.ocatopic.kube.internal.Mappers;
import io.ocatopic.kube.internal.UserFiles;
import io.ocatopic.ztp.ZtpException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files ztp-core reads and writes, with failures as {@link ZtpException}s: user files read as text and
 * parsed through {@link UserFiles} (duplicate keys refused with their path, the input never quoted), output
 * written atomically through {@link AtomicFiles}, plain trees serialised as YAML with every number-like
 * string quoted ({@link Mappers#yamlQuotingNumbers()}, the chassis and NMState file style).
 */
public final class ZtpFiles {
    private ZtpFiles() {
    }

    /**
     * Reads a text file.
     *
     * @param file the file
     * @return its content
     * @throws ZtpException with {@code IO} when unreadable
     */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes text atomically (temp file in the same directory, then rename).
     *
     * @param file      the target; parent directories are created
     * @param text      the content
     * @param ownerOnly whether to restrict the file to its owner (0600: it holds secrets)
     * @throws ZtpException with {@code IO} when it cannot be written
     */
    public static void write(Path file, String text, boolean ownerOnly) {
        try {
            AtomicFiles.write(file, text, ownerOnly);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a render atomically per file, replacing the previous render of the same kinds in {@code dir} as
     * a whole ({@link AtomicFiles#replaceRender}): files it wrote that this one does not are deleted, others
     * are kept.
     *
     * @param dir   the output directory
     * @param kinds the render kinds
     * @param files the files, in write order
     * @throws ZtpException with {@code IO} when a file cannot be written or a stale one removed
     */
    public static void writeRender(Path dir, java.util.Set<String> kinds, java.util.List<AtomicFiles.Output> files) {
        try {
            AtomicFiles.replaceRender(dir, kinds, files);
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot write below " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a user's YAML or JSON map into a tree.
     *
     * @param text the text
     * @return the root node, a map
     * @throws ZtpException with {@code MALFORMED_INPUT} when the text is not YAML/JSON or not a map
     */
    public static JsonNode tree(String text) {
        try {
            JsonNode n = UserFiles.yaml().readTree(text);
            if (n == null || !n.isObject()) {
                throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT, "the file is not a YAML/JSON map");
            }
            return n;
        } catch (IOException e) {
            // duplicate keys are refused with their path; the input is never quoted (it may hold secrets)
            Problem p = UserFiles.problem(e, "file");
            throw new ZtpException(ZtpException.Reason.MALFORMED_INPUT,
                    p.path().equals("file") ? p.message() : p.toString(), null);
        }
    }

    /**
     * Serialises a plain map/list tree to YAML.
     *
     * @param value maps, lists and scalars
     * @return YAML text
     */
    public static String toYaml(Object value) {
        try {
            return Mappers.yamlQuotingNumbers().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot serialise: " + e.getMessage(), e);
        }
    }

    /**
     * Serialises a plain map/list tree to indented JSON.
     *
     * @param value maps, lists and scalars
     * @return JSON text
     */
    public static String toPrettyJson(Object value) {
        try {
            return Mappers.prettyJson().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ZtpException(ZtpException.Reason.IO, "cannot serialise: " + e.getMessage(), e);
        }
    }
}
