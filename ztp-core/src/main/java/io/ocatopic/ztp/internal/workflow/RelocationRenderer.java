package io.ocatopic.ztp.internal.workflow;

import io.ocatopic.ztp.ChassisSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.ocatopic.ztp.internal.ZtpFiles;
import io.ocatopic.ztp.internal.render.NmStateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The spoke-side NMState of a relocated cluster: one MachineConfig per pool ({@code 99-ocatopic-relocate-<role>})
 * with a file {@code /etc/nmstate/openshift/<node>.yml} per node, which OpenShift's nmstate-configuration
 * service applies at boot (machine-config-operator {@code templates/common/_base/units/nmstate-configuration.service.yaml}).
 */
/** Renders the spoke-side NMState of a relocated cluster. */
public final class RelocationRenderer {
    private RelocationRenderer() {
    }

    /**
     * @param c the relocated cluster
     * @return one MachineConfig per pool
     */
    public static List<GenericKubernetesResource> machineConfigs(ChassisSpec.Cluster c) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (ChassisSpec.NodeRole role : ChassisSpec.NodeRole.values()) {
            List<Object> files = new ArrayList<>();
            for (ChassisSpec.Node n : c.nodes()) {
                if (n.role() == role) {
                    String yaml = ZtpFiles.toYaml(NmStateRenderer.render(c, n));
                    files.add(Map.of("path", "/etc/nmstate/openshift/" + n.name() + ".yml", "mode", 384,
                            "overwrite", true, "contents", Map.of("source", "data:text/plain;charset=utf-8;base64,"
                                    + Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8)))));
                }
            }
            if (files.isEmpty()) {
                continue;
            }
            String pool = role.installerName();
            out.add(new GenericKubernetesResourceBuilder().withApiVersion("machineconfiguration.openshift.io/v1")
                    .withKind("MachineConfig").withNewMetadata().withName("99-ocatopic-relocate-" + pool)
                    .addToLabels("machineconfiguration.openshift.io/role", pool).endMetadata()
                    .withAdditionalProperties(Map.of("spec", Map.of("config", Map.of("ignition",
                            Map.of("version", "3.2.0"), "storage", Map.of("files", files))))).build());
        }
        return out;
    }
}
