package io.ocatopic.ztp.internal;

import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.ChassisSpec.Bmc;
import io.ocatopic.ztp.ChassisSpec.Cluster;
import io.ocatopic.ztp.ChassisSpec.Mirror;
import io.ocatopic.ztp.ChassisSpec.Network;
import io.ocatopic.ztp.ChassisSpec.Nic;
import io.ocatopic.ztp.ChassisSpec.Node;
import io.ocatopic.ztp.ChassisSpec.NodeRole;
import io.ocatopic.ztp.ChassisSpec.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates valid sample chassis for examples, tests and benchmarks ({@link ChassisSpec#sample}): ZTPFW-shaped 3+1 clusters with
 * unique MACs, inline sample secrets (never use them for real hardware).
 *
 * <pre>{@code
 * ChassisSpec spec = SampleChassis.chassis("edge", 3);   // edge-1 .. edge-3, 3 masters + 1 worker each
 * }</pre>
 */
public final class SampleChassis {
    /** The sample pull secret (an empty registry auth map). */
    public static final String PULL_SECRET = "{\"auths\":{}}";

    private SampleChassis() {
    }

    /**
     * A 3+1 cluster.
     *
     * @param name  the cluster name
     * @param index a number unique per cluster (MACs derive from it), 0 to 65535
     * @return the cluster
     */
    public static Cluster cluster(String name, int index) {
        Network net = Network.ztpfwDefaults();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean worker = i == 3;
            String node = worker ? "worker0" : "master" + i;
            nodes.add(Node.builder().name(node).role(worker ? NodeRole.WORKER : NodeRole.CONTROL_PLANE)
                    .bmc(new Bmc("redfish-virtualmedia://10.10." + (index % 250) + "." + (10 + i)
                            + "/redfish/v1/Systems/1", "admin", Secret.of("sample-bmc-password")))
                    .externalNic(new Nic("eno4", mac(index, 0, i))).internalNic(new Nic("eno5", mac(index, 1, i)))
                    .ignoredInterfaces(List.of("eno1")).machineIp(net.machineAddress(10 + i)).rootDisk("/dev/sda")
                    .storageDisks(List.of("/dev/sdb")).build());
        }
        return Cluster.builder().name(name).baseDomain("factory.example.com").network(net).nodes(nodes)
                .fips(true).build();
    }

    /**
     * A chassis of {@code count} 3+1 clusters named {@code <prefix>-1 .. <prefix>-<count>}.
     *
     * @param prefix the name prefix
     * @param count  how many clusters
     * @return the validated spec
     */
    public static ChassisSpec chassis(String prefix, int count) {
        ChassisSpec.Builder b = ChassisSpec.builder().release(Release.of("4.14.10"))
                .pullSecret(Secret.of(PULL_SECRET))
                .mirror(new Mirror("quay.io/openshift-release-dev/ocp-release",
                        List.of("registry.factory.local:5000/ocp/release"), Mirror.Policy.NEVER_CONTACT_SOURCE));
        for (int i = 1; i <= count; i++) {
            b.cluster(cluster(prefix + "-" + i, i));
        }
        return b.build();
    }

    private static String mac(int cluster, int nic, int node) {
        return String.format(Locale.ROOT, "02:%02x:%02x:%02x:%02x:%02x", (cluster >> 8) & 255, cluster & 255, nic,
                node, 1);
    }
}
