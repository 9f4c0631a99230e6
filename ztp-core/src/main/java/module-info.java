/**
 * ocatopic's factory installs: {@code ChassisSpec} (load, validate, render), {@code ChassisImport}
 * (ZTPFW and SiteConfig files), {@code FactoryWorkflow} (the resumable factory install, relocation and
 * re-attachment to a hub) and {@code RegistryMirror} (registry to registry, to disk and from disk).
 *
 * <p>fabric8's OpenShift config models split a package across two jars ({@code openshift-model} and
 * {@code openshift-model-config}): this module requires {@code openshift.model.config} and reads the class
 * path for the rest (a consumer on the module path adds {@code --add-reads io.ocatopic.ztp=ALL-UNNAMED}).
 */
module io.ocatopic.ztp {
    requires transitive io.ocatopic.kube;
    requires transitive openshift.model.config;
    requires transitive openshift.model.hive;
    requires transitive openshift.model.installer;
    requires openshift.model.miscellaneous;
    requires kubernetes.client.api;
    requires kubernetes.model.core;
    requires kubernetes.model.common;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires java.net.http;

    exports io.ocatopic.ztp;
    exports io.ocatopic.ztp.mirror;
    exports io.ocatopic.ztp.workflow;
    exports io.ocatopic.ztp.internal.render to io.ocatopic.scale;

    opens io.ocatopic.ztp.internal.render to com.fasterxml.jackson.databind, kubernetes.model.common,
            kubernetes.client.api;

    provides io.ocatopic.kube.AdmissionRule with io.ocatopic.ztp.internal.render.MachineNetworkRule;
}
