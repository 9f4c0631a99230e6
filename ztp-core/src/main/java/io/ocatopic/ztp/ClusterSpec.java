package io.ocatopic.ztp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One edge cluster of a chassis file.
 *
 * <pre>{@code
 * ClusterSpec c = ClusterSpec.builder().name("edge-1").baseDomain("example.com")
 *         .network(NetworkSpec.ztpfwDefaults()).node(master0).node(master1).node(master2).node(worker0)
 *         .build();
 * c.layout();   // STANDARD
 * }</pre>
 *
 * @param name       cluster name (DNS-1123 label)
 * @param baseDomain base DNS domain; the API is {@code api.<name>.<baseDomain>}
 * @param network    networks and VIPs
 * @param nodes      nodes, control plane first as in the file
 * @param tpm        TPMv2 disk encryption (ZTPFW {@code config: {tpm: true}})
 * @param fips       install in FIPS mode (ZTPFW always did)
 * @param labels     ManagedCluster labels
 * @param contrib    ZTPFW {@code contrib:} settings (e.g. {@code gpu-operator.version})
 */
public record ClusterSpec(String name, String baseDomain, NetworkSpec network, List<NodeSpec> nodes, boolean tpm,
                          boolean fips, Map<String, String> labels, Map<String, String> contrib) {
    /**
     * Copies collections.
     *
     * @param name       name
     * @param baseDomain base domain
     * @param network    network
     * @param nodes      nodes
     * @param tpm        TPM
     * @param fips       FIPS
     * @param labels     labels
     * @param contrib    contrib settings
     */
    public ClusterSpec {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        contrib = contrib == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contrib));
    }

    /** @return the control-plane nodes */
    public List<NodeSpec> controlPlane() {
        return nodes.stream().filter(n -> n.role() == NodeRole.CONTROL_PLANE).toList();
    }

    /** @return the worker nodes */
    public List<NodeSpec> workers() {
        return nodes.stream().filter(n -> n.role() == NodeRole.WORKER).toList();
    }

    /** @return single-node, compact, standard, or invalid */
    public Layout layout() {
        int cp = controlPlane().size();
        int w = workers().size();
        if (cp == 1 && w == 0) {
            return Layout.SINGLE_NODE;
        }
        if (cp == 3) {
            return w == 0 ? Layout.COMPACT : Layout.STANDARD;
        }
        return Layout.INVALID;
    }

    /**
     * The agent installer's rendezvous address: the first control-plane node's address that it really
     * holds at install time ({@link NodeSpec#installTimeIp()}: its machine address, on the internal NIC or
     * beside the DHCP lease on the external NIC), so it lies in the machine network and the other nodes reach
     * it on the chassis network when the agents boot (openshift/installer
     * {@code pkg/types/agent/agent_config_type.go}, {@code rendezvousIP}).
     *
     * @return the address, empty when no control-plane node has one knowable at install time
     */
    public Optional<String> rendezvousIp() {
        return controlPlane().stream().map(NodeSpec::installTimeIp).flatMap(Optional::stream).findFirst();
    }

    /** @return {@code https://api.<name>.<baseDomain>:6443} */
    public String apiUrl() {
        return "https://api." + name + "." + baseDomain + ":6443";
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ClusterSpec}; validation happens when the enclosing {@link ChassisSpec} is built. */
    public static final class Builder {
        private String name;
        private String baseDomain;
        private NetworkSpec network = NetworkSpec.ztpfwDefaults();
        private final List<NodeSpec> nodes = new ArrayList<>();
        private boolean tpm;
        private boolean fips;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> contrib = new LinkedHashMap<>();

        private Builder() {
        }

        /**

         * Sets a value.

         *

         * @param v name

         * @return this

         */
        public Builder name(String v) {
            name = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v base domain

         * @return this

         */
        public Builder baseDomain(String v) {
            baseDomain = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v networks (default: ZTPFW's)

         * @return this

         */
        public Builder network(NetworkSpec v) {
            network = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v a node, appended

         * @return this

         */
        public Builder node(NodeSpec v) {
            nodes.add(v);
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v nodes, appended

         * @return this

         */
        public Builder nodes(List<NodeSpec> v) {
            nodes.addAll(v);
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v TPM encryption

         * @return this

         */
        public Builder tpm(boolean v) {
            tpm = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v FIPS mode

         * @return this

         */
        public Builder fips(boolean v) {
            fips = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v labels, merged

         * @return this

         */
        public Builder labels(Map<String, String> v) {
            labels.putAll(v);
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v contrib settings, merged

         * @return this

         */
        public Builder contrib(Map<String, String> v) {
            contrib.putAll(v);
            return this;
        }

        /** @return the cluster */
        public ClusterSpec build() {
            return new ClusterSpec(name, baseDomain, network, nodes, tpm, fips, labels, contrib);
        }
    }
}
