package io.ocatopic.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ocatopic.kube.Applier;
import io.ocatopic.kube.SchemaCheck;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/**
 * An embedded Kubernetes API on 127.0.0.1: the fabric8 mock server in CRUD mode, with kube-apiserver's
 * checks in front of every write, so examples and tests run the SDK end to end on any machine without a
 * cluster and still see what a real server would refuse. It stores, lists and watches objects; a create,
 * update or patch is checked by {@link SchemaCheck} against the bundled upstream CRDs and the operators'
 * admission rules on the class path, and refused with HTTP 422 and a {@code Status} naming each field
 * (required, type, enum, pattern, unknown field, object name, CEL rule, ...). What it stores is what the
 * server would: defaults set, unknown fields pruned. A type with no CRD (and no built-in group) is
 * answered 404, as a server without that CRD answers. {@code dryRun=All} checks without storing.
 * It has no controllers and no server-side apply: use {@link #applier()} (create-or-update). A read or write of
 * one object costs the same however many objects are stored (they are indexed by resource, namespace and name),
 * so it can stand in for a hub under a fleet of thousands of simulated spokes.
 *
 * <p>It lives in {@code io.ocatopic:ocatopic-testing} (which brings {@code io.fabric8:kubernetes-server-mock}),
 * so that the library modules ship no mock server: depend on it in test scope, or in compile scope for a demo
 * that runs without a cluster.
 *
 * <pre>{@code
 * try (EmbeddedApi api = EmbeddedApi.start()) {
 *     api.applier().apply(configMap);
 *     api.client().configMaps().inNamespace("default").list();
 * }
 * }</pre>
 */
public final class EmbeddedApi implements AutoCloseable {
    /**
     * The mock server logs every request through java.util.logging at INFO; held here because
     * java.util.logging keeps loggers only weakly, and a collected logger forgets its level.
     */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private EmbeddedApi(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    /**
     * Starts an empty embedded API on a free loopback port.
     *
     * @return the running API; close it to stop the server
     */
    public static EmbeddedApi start() {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        MockWebServer web = new MockWebServer();
        CheckingDispatcher store = new CheckingDispatcher(SchemaCheck.bundled());
        // the mock server keeps every request it received, for takeRequest(); nothing here reads them, and in a
        // long run (a fleet of thousands of spokes) they would fill the heap
        store.every(1024, web::reset);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), web, new HashMap<>(), store, false);
        server.init();
        return new EmbeddedApi(server);
    }

    /**
     * Returns a client connected to this API.
     *
     * @return the client; closed with the API
     */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Returns an applier for this API, in {@link Applier.Mode#CREATE_OR_UPDATE} mode (it has no server-side apply).
     *
     * @return the applier
     */
    public Applier applier() {
        return Applier.of(client, Applier.Mode.CREATE_OR_UPDATE);
    }

    /**
     * Returns the API's base URL, for a kubeconfig or another client.
     *
     * @return the URL, for example {@code http://127.0.0.1:41234/}
     */
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    /** Closes the client and stops the server. */
    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
