/**
 * kmm-core: out-of-tree kernel modules for KMM. {@link io.ocatopic.kmm.ModuleBuilder} builds, signs and
 * pushes a module's images for every kernel and renders the KMM resources that load it;
 * {@link io.ocatopic.kmm.sign.ModuleSigner}, {@link io.ocatopic.kmm.sign.ModuleSignatureVerifier} and
 * {@link io.ocatopic.kmm.sign.SigningKeys} sign and verify modules like the kernel's {@code sign-file}.
 *
 * <p>fabric8's model jars are not modular and split packages, so this module, like
 * {@code io.ocatopic.kube}, reads the unnamed module (a consumer on the module path adds
 * {@code --add-reads io.ocatopic.kmm=ALL-UNNAMED}).
 */
module io.ocatopic.kmm {
    requires transitive io.ocatopic.kube;
    requires transitive kubernetes.model.core;
    requires kubernetes.client.api;
    requires kubernetes.model.common;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.annotation;
    requires com.github.dockerjava.api;
    requires com.github.dockerjava.core;
    requires com.github.dockerjava.transport;
    requires com.github.dockerjava.transport.httpclient5;
    requires org.apache.commons.compress;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.tukaani.xz;
    requires com.github.luben.zstd_jni;
    requires re2j;
    requires org.slf4j;
    requires java.net.http;

    exports io.ocatopic.kmm;
    exports io.ocatopic.kmm.build;
    exports io.ocatopic.kmm.sign;
    exports io.ocatopic.kmm.internal.resources to io.ocatopic.scale;

    opens io.ocatopic.kmm.internal.resources to com.fasterxml.jackson.databind, kubernetes.model.common,
            kubernetes.client.api;

    provides io.ocatopic.kube.AdmissionRule with io.ocatopic.kmm.internal.KmmAdmissionRule;
}
