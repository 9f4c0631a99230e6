/**
 * ocatopic's scale harness: {@link io.ocatopic.scale.ScaleHarness} drives a Kubernetes API with the objects
 * of N simulated spokes (create, update and delete phases; throughput, write and event latency per phase;
 * cleanup by label), and {@link io.ocatopic.scale.Fleet} simulates a fleet of klusterlets against a hub and
 * judges it against the SIG Scalability API call latency SLOs. Both write their reports as JSON and as a
 * self-contained HTML page.
 *
 * <p>fabric8's model jars are not modular and split packages, so this module, like
 * {@code io.ocatopic.kube}, reads the unnamed module (a consumer on the module path adds
 * {@code --add-reads io.ocatopic.scale=ALL-UNNAMED}).
 */
module io.ocatopic.scale {
    requires transitive io.ocatopic.kube;
    requires io.ocatopic.ztp;
    requires io.ocatopic.kmm;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports io.ocatopic.scale;

    opens io.ocatopic.scale to com.fasterxml.jackson.databind;
}
