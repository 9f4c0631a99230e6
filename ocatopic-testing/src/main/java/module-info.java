/**
 * For testing code built on ocatopic: the schema-checking embedded Kubernetes API
 * ({@link io.ocatopic.testing.EmbeddedApi}), the NVML C double ({@link io.ocatopic.testing.FakeNvml}), the
 * devlink fake of a BlueField/ConnectX PF behind the real devlink client ({@link io.ocatopic.testing.FakeDevlink})
 * and golden files ({@link io.ocatopic.testing.Golden}). The library modules ship none of this (no mock server).
 *
 * <p>fabric8's mock server and model jars are not modular and split packages, so they stay on the class
 * path: this module reads the unnamed module.
 */
module io.ocatopic.testing {
    requires transitive io.ocatopic.kube;
    requires transitive io.ocatopic.nativebindings;
    requires com.sun.jna;
    requires java.logging;
    requires kubernetes.server.mock;
    requires mockwebserver;

    exports io.ocatopic.testing;

    opens io.ocatopic.testing to com.sun.jna;
}
