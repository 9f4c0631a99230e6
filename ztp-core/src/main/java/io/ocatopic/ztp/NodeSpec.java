package io.ocatopic.ztp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One bare-metal node of a cluster (a ZTPFW {@code masterN}/{@code workerN} entry).
 *
 * <pre>{@code
 * NodeSpec n = NodeSpec.builder().name("master0").role(NodeRole.CONTROL_PLANE)
 *         .bmc(new BmcSpec("redfish-virtualmedia://10.0.0.5/redfish/v1/Systems/1", "root", SecretValue.fromEnv("BMC")))
 *         .externalNic(new Nic("eno1", "aa:bb:cc:00:00:01")).machineIp("192.168.7.10")
 *         .rootDisk("/dev/sda").build();
 * }</pre>
 *
 * @param name              host name (DNS-1123 label)
 * @param role              control plane or worker
 * @param bmc               the BMC
 * @param externalNic       the external NIC, DHCP on the factory network (boot MAC)
 * @param internalNic       the internal NIC, static on the machine network; empty in single-NIC mode
 * @param machineIp         the node's address on the machine network
 * @param ignoredInterfaces NICs rendered as NMState {@code state: absent}
 * @param rootDisk          the install disk, e.g. {@code /dev/sda}
 * @param storageDisks      disks for local storage/ODF/LVMO
 * @param externalIp        the IPv4 address the external NIC gets by DHCP reservation on the factory
 *                          network, when known; informational. It is not needed for installing: every node
 *                          holds its machine address from the discovery boot on, on the internal NIC or, in
 *                          ZTPFW single-NIC mode, statically beside the DHCP lease on the external NIC (see
 *                          {@link io.ocatopic.ztp.render.NmStateRenderer})
 */
public record NodeSpec(String name, NodeRole role, BmcSpec bmc, Nic externalNic, Optional<Nic> internalNic,
                       String machineIp, List<String> ignoredInterfaces, String rootDisk,
                       List<String> storageDisks, Optional<String> externalIp) {
    /**
     * Normalises empty values.
     *
     * @param name              host name
     * @param role              role
     * @param bmc               BMC
     * @param externalNic       external NIC
     * @param internalNic       internal NIC
     * @param machineIp         machine network address
     * @param ignoredInterfaces ignored NICs
     * @param rootDisk          root disk
     * @param storageDisks      storage disks
     * @param externalIp        the external NIC's DHCP reservation, when known
     */
    public NodeSpec {
        externalIp = externalIp == null ? Optional.empty() : externalIp;
        internalNic = internalNic == null ? Optional.empty() : internalNic;
        ignoredInterfaces = ignoredInterfaces == null ? List.of() : List.copyOf(ignoredInterfaces);
        storageDisks = storageDisks == null ? List.of() : List.copyOf(storageDisks);
    }

    /**
     * The address this node holds at install time: its machine address, which the rendered NMState puts
     * on the internal NIC or, without one, statically beside the DHCP lease on the external NIC (as ZTPFW
     * did, {@code add-internal-ip-infraenv.sh}), so it is on the machine network from the discovery boot on.
     *
     * @return the machine address, empty only when none is set (never for a validated spec)
     */
    public Optional<String> installTimeIp() {
        return Optional.ofNullable(machineIp);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this node's values */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).role(role).bmc(bmc).externalNic(externalNic).machineIp(machineIp)
                .rootDisk(rootDisk).ignoredInterfaces(ignoredInterfaces).storageDisks(storageDisks);
        internalNic.ifPresent(b::internalNic);
        externalIp.ifPresent(b::externalIp);
        return b;
    }

    /** Builds a {@link NodeSpec}; validation happens when the enclosing {@link ChassisSpec} is built. */
    public static final class Builder {
        private String name;
        private NodeRole role = NodeRole.CONTROL_PLANE;
        private BmcSpec bmc;
        private Nic externalNic;
        private Nic internalNic;
        private String machineIp;
        private List<String> ignoredInterfaces = new ArrayList<>();
        private String rootDisk;
        private List<String> storageDisks = new ArrayList<>();
        private String externalIp;

        private Builder() {
        }

        /**

         * Sets a value.

         *

         * @param v host name

         * @return this

         */
        public Builder name(String v) {
            name = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v role

         * @return this

         */
        public Builder role(NodeRole v) {
            role = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the BMC

         * @return this

         */
        public Builder bmc(BmcSpec v) {
            bmc = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the external NIC

         * @return this

         */
        public Builder externalNic(Nic v) {
            externalNic = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the internal NIC

         * @return this

         */
        public Builder internalNic(Nic v) {
            internalNic = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the machine network address

         * @return this

         */
        public Builder machineIp(String v) {
            machineIp = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v NICs to set absent

         * @return this

         */
        public Builder ignoredInterfaces(List<String> v) {
            ignoredInterfaces = new ArrayList<>(v);
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v the root disk

         * @return this

         */
        public Builder rootDisk(String v) {
            rootDisk = v;
            return this;
        }

        /**

         * Sets a value.

         *

         * @param v storage disks

         * @return this

         */
        public Builder storageDisks(List<String> v) {
            storageDisks = new ArrayList<>(v);
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v the external NIC's DHCP reservation (informational), or {@code null}
         * @return this
         */
        public Builder externalIp(String v) {
            externalIp = v;
            return this;
        }

        /** @return the node */
        public NodeSpec build() {
            return new NodeSpec(name, role, bmc, externalNic, Optional.ofNullable(internalNic), machineIp,
                    ignoredInterfaces, rootDisk, storageDisks, Optional.ofNullable(externalIp));
        }
    }
}
