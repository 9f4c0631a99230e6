package io.ocatopic.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path through which every ocatopic module writes Kubernetes objects.
 *
 * <p>On a real API server objects are written with server-side apply, field manager
 * {@value #FIELD_MANAGER}, conflicts forced, so re-applying the same object is a no-op and ocatopic
 * owns the fields it sets. The embedded test API (the fabric8 mock server in CRUD mode) answers
 * server-side apply with 415 (and a PATCH to a missing object with 404), so it is driven in
 * create-or-update mode instead. {@link Mode#AUTO} starts with server-side apply and switches to
 * create-or-update for the rest of this applier's life the first time the server answers 415; a 404
 * (the embedded API's answer for a missing object) is retried once as create-or-update.
 *
 * <pre>{@code
 * Applier applier = Applier.auto(client);
 * applier.serverDryRun().applyAll(List.of(namespace, secret, managedCluster));   // checked, nothing stored
 * applier.applyAll(List.of(namespace, secret, managedCluster));
 * ConfigMap applied = applier.apply(configMap);
 * }</pre>
 *
 * <p>{@link #serverDryRun()} gives an applier that sends every write with {@code dryRun=All}: the server
 * runs its whole admission chain (schema, defaults, webhooks) and answers with the object it would
 * store, but stores nothing ({@code kubectl apply --dry-run=server}). Every write asks the server for
 * {@code fieldValidation=Strict}, so a field the server does not know is refused rather than dropped.
 *
 * <pre>{@code
 * Applier check = Applier.auto(client).serverDryRun();
 * check.applyAll(objects);                 // throws KubeException(REJECTED) naming the field
 * Applier.auto(client).applyAll(objects);  // then for real
 * }</pre>
 *
 * <p>Instances are thread-safe. Object content is never logged (objects may be Secrets).
 */
public final class Applier {
    /** The field manager name used for server-side apply. */
    public static final String FIELD_MANAGER = "ocatopic";

    private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

    /** How objects are written. */
    public enum Mode {
        /** Server-side apply, forced, field manager {@value Applier#FIELD_MANAGER}. */
        SERVER_SIDE,
        /** Read the object; create it when absent, replace it otherwise. For the embedded test API. */
        CREATE_OR_UPDATE,
        /** Server-side apply, switching to create-or-update once the server answers 415. */
        AUTO
    }

    private final KubernetesClient client;
    private final Mode mode;
    private final AtomicBoolean fallenBack = new AtomicBoolean();

    private final boolean dryRun;

    private Applier(KubernetesClient client, Mode mode, boolean dryRun) {
        this.client = Objects.requireNonNull(client, "client");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.dryRun = dryRun;
    }

    /**
     * An applier like this one whose writes are server-side dry runs ({@code dryRun=All}): checked by the
     * server's whole admission chain and answered with what would be stored, never stored.
     *
     * @return the dry-run applier; deletes through it are dry runs too
     */
    public Applier serverDryRun() {
        return new Applier(client, mode, true);
    }

    /**
     * Returns whether this applier's writes are server-side dry runs.
     *
     * @return true when this applier's writes are server-side dry runs
     */
    public boolean isServerDryRun() {
        return dryRun;
    }

    /**
     * Creates an applier.
     *
     * @param client the client of the target cluster
     * @param mode   how to write objects
     * @return the applier
     */
    public static Applier of(KubernetesClient client, Mode mode) {
        return new Applier(client, mode, false);
    }

    /**
     * Creates an applier in {@link Mode#AUTO}.
     *
     * @param client the client of the target cluster
     * @return the applier
     */
    public static Applier auto(KubernetesClient client) {
        return new Applier(client, Mode.AUTO, false);
    }

    /**
     * Returns the client this applier writes through.
     *
     * @return the client this applier writes through
     */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Returns the apply mode in effect now.
     *
     * @return the mode in effect now ({@link Mode#CREATE_OR_UPDATE} once an AUTO applier fell back)
     */
    public Mode effectiveMode() {
        if (mode == Mode.AUTO && fallenBack.get()) {
            return Mode.CREATE_OR_UPDATE;
        }
        return mode;
    }

    /**
     * Writes one object.
     *
     * @param object the desired object; its namespace, if any, must be set
     * @param <T>    the object type
     * @return the object as the server stored it
     * @throws KubeException when the server refuses the object or cannot be reached
     */
    public <T extends HasMetadata> T apply(T object) {
        Objects.requireNonNull(object, "object");
        String id = describe(object);
        try {
            switch (effectiveMode()) {
                case SERVER_SIDE:
                    return serverSideApply(object);
                case CREATE_OR_UPDATE:
                    return createOrUpdate(object);
                default:
                    try {
                        return serverSideApply(object);
                    } catch (KubernetesClientException e) {
                        if (e.getCode() == 415) {
                            if (fallenBack.compareAndSet(false, true)) {
                                LOG.info("API server does not support server-side apply (415); using create-or-update");
                            }
                            return createOrUpdate(object);
                        }
                        if (e.getCode() == 404) {
                            // the embedded API answers apply-to-a-missing-object with 404; a real server
                            // answers 404 only when the type or namespace is missing, and create fails alike
                            return createOrUpdate(object);
                        }
                        throw e;
                    }
            }
        } catch (KubernetesClientException e) {
            throw translate(e, "apply " + id);
        }
    }

    /**
     * Writes several objects in order, stopping at the first failure.
     *
     * @param objects the desired objects (namespaces before the objects in them)
     * @return the objects as the server stored them, in the same order
     * @throws KubeException at the first object that fails; the ones before it stay written
     */
    public List<HasMetadata> applyAll(Collection<? extends HasMetadata> objects) {
        List<HasMetadata> out = new ArrayList<>(objects.size());
        for (HasMetadata o : objects) {
            out.add(apply(o));
        }
        return out;
    }

    /**
     * Deletes one object if it exists.
     *
     * @param object the object, identified by kind, namespace and name
     * @return {@code true} when something was deleted, {@code false} when it was already absent
     * @throws KubeException when the server refuses or cannot be reached
     */
    public boolean delete(HasMetadata object) {
        try {
            return !resource(object).dryRun(dryRun).delete().isEmpty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw translate(e, "delete " + describe(object));
        }
    }

    private <T extends HasMetadata> T serverSideApply(T object) {
        return resource(object).dryRun(dryRun).fieldValidation(FieldValidateable.Validation.STRICT)
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private <T extends HasMetadata> T createOrUpdate(T object) {
        // create; on 409 update, which reads the latest resourceVersion itself when none is set
        return resource(object).dryRun(dryRun).fieldValidation(FieldValidateable.Validation.STRICT)
                .createOr(NonDeletingOperation::update);
    }

    private <T extends HasMetadata> Resource<T> resource(T object) {
        return client.resource(object);
    }

    static String describe(HasMetadata o) {
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        String name = o.getMetadata() == null ? null : o.getMetadata().getName();
        return o.getKind() + "/" + (ns == null || ns.isEmpty() ? "" : ns + "/") + name;
    }

    static KubeException translate(KubernetesClientException e, String what) {
        int code = e.getCode();
        KubeException.Reason reason;
        if (code == 404) {
            reason = KubeException.Reason.UNKNOWN_TYPE;
        } else if (code == 0 || code >= 500) {
            reason = KubeException.Reason.UNREACHABLE;
        } else {
            reason = KubeException.Reason.REJECTED;
        }
        String status = e.getStatus() == null ? null : e.getStatus().getMessage();
        return new KubeException(reason, code,
                what + " failed" + (code > 0 ? " (HTTP " + code + ")" : "")
                        + (status == null ? "" : ": " + status), e);
    }
}
