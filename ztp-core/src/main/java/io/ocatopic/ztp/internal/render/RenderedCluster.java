package io.ocatopic.ztp.internal.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet;
import io.fabric8.openshift.api.model.installer.v1.InstallConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything rendered for one cluster, as typed objects.
 *
 * @param name                the cluster name
 * @param installConfig       agent-based {@code install-config.yaml}; empty when skipped
 * @param agentConfig         agent-based {@code agent-config.yaml}; empty when skipped
 * @param hubObjects          hub-driven CR set
 * @param nmState             NMState per node name
 * @param mirrorSet           the ImageDigestMirrorSet, when the chassis has mirrors
 * @param importObjects       the ACM import set (Secret only when credentials were given)
 * @param agentInstallSkipped why the agent-based pair was not rendered (one line, no secret), when it was not
 */
public record RenderedCluster(String name, Optional<InstallConfig> installConfig, Optional<AgentConfig> agentConfig,
                              List<HasMetadata> hubObjects, Map<String, Map<String, Object>> nmState,
                              Optional<ImageDigestMirrorSet> mirrorSet, List<HasMetadata> importObjects,
                              Optional<String> agentInstallSkipped) {
}
