/**
 * ocatopic's foundation: the apply path, offline conformance against the upstream CRDs, the secret type,
 * the step report and the progress event (the error root is {@code io.ocatopic.core}; the embedded API
 * server, {@code io.ocatopic.testing}).
 *
 * <p>fabric8's model jars and Google's CEL for Java are not modular and split packages across jars, so they
 * stay on the class path: this module reads the unnamed module (a consumer on the module path adds
 * {@code --add-reads io.ocatopic.kube=ALL-UNNAMED}).
 */
module io.ocatopic.kube {
    requires transitive io.ocatopic.core;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires org.slf4j;
    requires java.logging;
    requires java.net.http;
    requires re2j;
    requires com.networknt.schema;
    requires transitive kubernetes.client.api;
    requires transitive kubernetes.model.core;
    requires transitive kubernetes.model.common;

    exports io.ocatopic.kube;
    exports io.ocatopic.kube.internal to io.ocatopic.ztp, io.ocatopic.kmm, io.ocatopic.dpu, io.ocatopic.gpu, io.ocatopic.testing, io.ocatopic.scale;
    exports io.ocatopic.kube.internal.acm to io.ocatopic.ztp, io.ocatopic.kmm, io.ocatopic.scale;
    exports io.ocatopic.kube.internal.oci to io.ocatopic.ztp, io.ocatopic.kmm;
    opens io.ocatopic.kube.internal.acm to com.fasterxml.jackson.databind, kubernetes.model.common;

    uses io.ocatopic.kube.AdmissionRule;
}
