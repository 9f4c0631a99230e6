package io.ocatopic.ztp.internal.render;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The agent-based installer's {@code agent-config.yaml} ({@code apiVersion: v1beta1}, {@code kind:
 * AgentConfig}; source: openshift/installer {@code pkg/types/agent/agent_config_type.go}). Not a
 * Kubernetes object, so a plain typed record.
 *
 * <pre>{@code
 * AgentConfig ac = AgentInstallRenderer.agentConfig(spec, cluster);
 * String yaml = KubeYaml.dump(ac);
 * }</pre>
 *
 * @param apiVersion   {@value #API_VERSION}
 * @param kind         {@value #KIND}
 * @param metadata     {@code name}: the cluster name
 * @param rendezvousIP an address the rendezvous (first control-plane) host holds at install time
 * @param hosts        one entry per node
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "rendezvousIP", "hosts"})
public record AgentConfig(String apiVersion, String kind, Map<String, String> metadata, String rendezvousIP,
                          List<Host> hosts) {
    /** The agent config API version. */
    public static final String API_VERSION = "v1beta1";
    /** The agent config kind. */
    public static final String KIND = "AgentConfig";

    /**
     * One host.
     *
     * @param hostname        the node name
     * @param role            {@code master} or {@code worker}
     * @param rootDeviceHints {@code deviceName}
     * @param interfaces      names and MACs
     * @param networkConfig   NMState
     * @param bmc             BMC address, user and password (this file is written 0600)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"hostname", "role", "rootDeviceHints", "interfaces", "networkConfig", "bmc"})
    public record Host(String hostname, String role, Map<String, String> rootDeviceHints,
                       List<NMStateConfig.Interface> interfaces, Map<String, Object> networkConfig, Bmc bmc) {
    }

    /**
     * BMC access, as the installer's {@code baremetal.BMC}.
     *
     * @param address                        the BMC URL
     * @param username                       the user
     * @param password                       the password
     * @param disableCertificateVerification skip TLS verification
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bmc(String address, String username, String password, boolean disableCertificateVerification) {
        /** @return the BMC with its password redacted */
        @Override
        public String toString() {
            return "Bmc[address=" + address + ", username=" + username + ", password=***]";
        }
    }
}
