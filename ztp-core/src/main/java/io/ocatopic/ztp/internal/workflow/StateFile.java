package io.ocatopic.ztp.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocatopic.kube.internal.Mappers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocatopic.ztp.internal.ZtpFiles;
import io.ocatopic.ztp.ZtpException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The workflow's checkpoint: which steps finished, for which spec (by digest). Rewritten atomically after
 * each finished step, so a crash leaves the previous or the new state, never a part.
 *
 * <pre>{@code
 * StateFile state = StateFile.open(Path.of("factory.state.json"), specDigest);
 * if (!state.isDone("preflight")) { ...; state.markDone("preflight"); }
 * }</pre>
 */
public final class StateFile {
    private static final ObjectMapper JSON = Mappers.json();
    private final Optional<Path> file;
    private final String digest;
    private final Set<String> done = new LinkedHashSet<>();

    private StateFile(Optional<Path> file, String digest) {
        this.file = file;
        this.digest = digest;
    }

    /**
     * Opens (or starts) a state file.
     *
     * @param file   the file, empty for an in-memory state
     * @param digest the spec digest the state belongs to
     * @return the state
     * @throws ZtpException with {@code STATE_MISMATCH} when the file belongs to another spec or is corrupt
     */
    public static StateFile open(Optional<Path> file, String digest) {
        StateFile s = new StateFile(file, digest);
        if (file.isPresent() && Files.exists(file.get())) {
            try {
                JsonNode n = JSON.readTree(Files.readString(file.get()));
                if (!digest.equals(n.path("specDigest").asText())) {
                    throw new ZtpException(ZtpException.Reason.STATE_MISMATCH, "state file " + file.get()
                            + " belongs to another spec; remove it to start over");
                }
                n.path("completed").forEach(x -> s.done.add(x.asText()));
            } catch (IOException e) {
                throw new ZtpException(ZtpException.Reason.STATE_MISMATCH, "cannot read state file " + file.get(), e);
            }
        }
        return s;
    }

    /**
     * Whether a step finished before.
     *
     * @param step the step name
     * @return {@code true} when checkpointed
     */
    public synchronized boolean isDone(String step) {
        return done.contains(step);
    }

    /**
     * Checkpoints a finished step (atomic rewrite).
     *
     * @param step the step name
     */
    public synchronized void markDone(String step) {
        done.add(step);
        if (file.isPresent()) {
            ObjectNode n = JSON.createObjectNode();
            n.put("specDigest", digest);
            ArrayNode a = n.putArray("completed");
            done.forEach(a::add);
            ZtpFiles.write(file.get(), n.toPrettyString() + "\n", true);
        }
    }

    /** @return the finished steps, in completion order */
    public synchronized List<String> completed() {
        return new ArrayList<>(done);
    }
}
