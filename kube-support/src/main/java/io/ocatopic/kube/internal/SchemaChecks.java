package io.ocatopic.kube.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocatopic.kube.SchemaCheck;
import java.util.List;
import java.util.Objects;

/**
 * What the embedded API server (ocatopic-testing) needs of {@link SchemaCheck} beyond its public API: the
 * served types for discovery, and the check of a write with its stored object and field-validation mode.
 * {@code SchemaCheck} registers the implementation when it is initialised (the JDK's SharedSecrets idea),
 * so that neither becomes public API.
 */
public final class SchemaChecks {
    /** One served version of one type with a schema. */
    public record ServedType(String apiVersion, String kind, String plural, boolean namespaced, boolean statusSubresource) {
    }

    /** The hooks {@code SchemaCheck} provides. */
    public interface Access {
        /**
         * Lists the served types of a check.
         *
         * @param check the check
         * @return every served type it has a schema for
         */
        List<ServedType> types(SchemaCheck check);

        /**
         * Checks a write as kube-apiserver does; {@code object} becomes what the server would store.
         *
         * @param check  the check
         * @param object the object written (changed in place)
         * @param old    the stored object on update (transition rules), or null
         * @param strict report unknown fields (else prune them silently)
         * @return the result
         */
        SchemaCheck.Result check(SchemaCheck check, ObjectNode object, ObjectNode old, boolean strict);
    }

    private static volatile Access access;

    private SchemaChecks() {
    }

    /**
     * Registers the hooks; called once by {@code SchemaCheck}.
     *
     * @param a the hooks
     */
    public static void register(Access a) {
        access = Objects.requireNonNull(a, "access");
    }

    /**
     * Returns the hooks, initialising {@code SchemaCheck} first if needed.
     *
     * @return the hooks
     */
    public static Access access() {
        if (access == null) {
            SchemaCheck.bundled(); // initialises the class, which registers
        }
        return access;
    }
}
