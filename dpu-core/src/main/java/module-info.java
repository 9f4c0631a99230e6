/**
 * ocatopic dpu-core: BlueField DPUs from one {@link io.ocatopic.dpu.DpuOffloadConfig}, on the shared-OVN path
 * (render both clusters, card setup through devlink) and on NVIDIA's DOCA Platform Framework (render, preflight,
 * status). The API is {@code io.ocatopic.dpu}, {@code .render}, {@code .dpf} and {@code .card}; everything under
 * {@code io.ocatopic.dpu.internal} is implementation.
 *
 * <p>Jackson reads the configuration file into the records of {@code io.ocatopic.dpu} and the file form of
 * {@code internal.config}, and fabric8 serialises the typed objects of {@code internal.render}: those packages are
 * open to Jackson. The admission rules of the consuming operators are provided to kube-support's
 * {@code SchemaCheck}.
 */
module io.ocatopic.dpu {
    requires transitive io.ocatopic.kube;
    requires transitive io.ocatopic.nativebindings;
    requires com.fasterxml.jackson.annotation;
    requires org.slf4j;
    requires java.net.http;

    exports io.ocatopic.dpu;
    exports io.ocatopic.dpu.card;
    exports io.ocatopic.dpu.dpf;
    exports io.ocatopic.dpu.render;

    opens io.ocatopic.dpu to com.fasterxml.jackson.databind;
    opens io.ocatopic.dpu.internal.config to com.fasterxml.jackson.databind;
    opens io.ocatopic.dpu.internal.render to com.fasterxml.jackson.databind, kubernetes.model.common, kubernetes.client.api;

    provides io.ocatopic.kube.AdmissionRule with io.ocatopic.dpu.internal.render.DpuPoolSelectorRule,
            io.ocatopic.dpu.internal.render.MgmtPortVfRule;
}
