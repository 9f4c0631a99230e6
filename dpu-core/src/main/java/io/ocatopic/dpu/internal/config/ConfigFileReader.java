package io.ocatopic.dpu.internal.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.DpfSettings;
import io.ocatopic.dpu.DpuException;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.DpuOffloadConfig.Mode;
import io.ocatopic.dpu.DpuOffloadConfig.ModeLabels;
import io.ocatopic.dpu.DpuOffloadConfig.Offload;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.UserFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the YAML file form of a {@link DpuOffloadConfig}, reporting problems with the file's own indices. */
public final class ConfigFileReader {
    private ConfigFileReader() {
    }

    /** The file form itself, read by Jackson (FAIL_ON_UNKNOWN_PROPERTIES). */
    static final class FileForm {
        public String infraCluster;
        public String tenantCluster;
        public String infraNamespace;
        public String kubeconfigSecretName;
        public String poolName;
        public Mode mode;
        public List<NodeFile> nodes = List.of();
        public List<SmartNicFile> smartNicHosts = List.of();
        public Integer numVfs;
        public Integer mgmtPortVf;
        public List<Offload> offloads;
        public Integer mtu;
        public ModeLabels modeLabels;
        public String mgmtResourceName;
        public String workloadResourceName;
        public DpfFile dpf;
    }

    /** One node in the file. */
    static final class NodeFile {
        public String name;
        public String host;
        public DpuNode.Target target;
        public CardFile card;
    }

    /** The dpf block of the file. */
    static final class DpfFile {
        public String namespace;
        public String bfbUrl;
        public String bfbSha256;
        public String bfbPvcName;
        public Integer hugepages;
        public List<String> kernelParameters;
        public String chartVersion;
        public String dpuClusterVersion;
        public String dpuClusterVip;
        public String dpuClusterInterface;
        public Integer virtualRouterId;
        public String apiServer;
        public String podCidr;
        public String serviceCidr;
        public String hostCidr;
        public String vtepCidr;
        public String imagePullSecret;
        public Integer mtu;

        DpfSettings settings() {
            DpfSettings d = DpfSettings.builder(bfbUrl, apiServer, dpuClusterVip, dpuClusterInterface).build();
            return new DpfSettings(namespace == null ? d.namespace() : namespace, bfbUrl, Optional.ofNullable(bfbSha256),
                    bfbPvcName == null ? d.bfbPvcName() : bfbPvcName, hugepages == null ? d.hugepages() : hugepages,
                    kernelParameters == null ? List.of() : kernelParameters.stream().map(k -> k == null ? "" : k).toList(),
                    chartVersion == null ? d.chartVersion() : chartVersion,
                    dpuClusterVersion == null ? d.dpuClusterVersion() : dpuClusterVersion, dpuClusterVip,
                    dpuClusterInterface, virtualRouterId == null ? d.virtualRouterId() : virtualRouterId, apiServer,
                    podCidr == null ? d.podCidr() : podCidr, serviceCidr == null ? d.serviceCidr() : serviceCidr,
                    hostCidr == null ? d.hostCidr() : hostCidr, vtepCidr == null ? d.vtepCidr() : vtepCidr,
                    Optional.ofNullable(imagePullSecret), mtu == null ? d.mtu() : mtu);
        }
    }

    /** One smart-NIC host in the file. */
    static final class SmartNicFile {
        public String host;
        public String hostPf;

        /** Used by the mapper for the object form. */
        SmartNicFile() {
        }

        /**
         * Used by the mapper for a bare host name (the older form), which then lacks its {@code hostPf}.
         *
         * @param host the host name
         */
        public SmartNicFile(String host) {
            this.host = host;
        }
    }

    /** One card in the file. */
    static final class CardFile {
        public Card.Model model;
        public String deviceId;
        public String pciAddress;
        public String uplink = "p0";
        public String hostPf;
        public Integer totalVfs;
        public Integer memoryGiB;
    }

    /** @return the problem with each builder index after {@code list} (in path and message) replaced by the file's */
    private static Problem inFile(Problem v, String list, List<Integer> fileIndex) {
        return new Problem(inFile(v.path(), list, fileIndex), inFile(v.message(), list, fileIndex));
    }

    private static String inFile(String text, String list, List<Integer> fileIndex) {
        Matcher m = Pattern.compile(Pattern.quote(list) + "(\\d+)\\]").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(list + (i < fileIndex.size() ? fileIndex.get(i) : i) + "]"));
        }
        return m.appendTail(sb).toString();
    }

    /**
     * @param yaml the text
     * @return the valid configuration
     * @throws DpuException INVALID_CONFIG with every problem, including unreadable YAML
     */
    public static DpuOffloadConfig parse(String yaml) {
        FileForm f;
        try {
            f = UserFiles.yaml().readerFor(FileForm.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(yaml);
        } catch (java.io.IOException e) {
            // the one reader for user files: duplicate keys refused with their path, the input never quoted
            throw DpuException.invalid(List.of(UserFiles.problem(e, "(file)")));
        }
        if (f == null) {
            throw DpuException.invalid(List.of(new Problem("(file)", "empty")));
        }
        DpuOffloadConfig.Builder b = DpuOffloadConfig.builder(f.infraCluster, f.tenantCluster);
        if (f.infraNamespace != null) {
            b.infraNamespace(f.infraNamespace);
        }
        if (f.kubeconfigSecretName != null) {
            b.kubeconfigSecretName(f.kubeconfigSecretName);
        }
        if (f.poolName != null) {
            b.poolName(f.poolName);
        }
        if (f.mode != null) {
            b.mode(f.mode);
        }
        List<Problem> early = new ArrayList<>();
        // the file index of each entry handed to the builder, which has no entry for those skipped here
        List<Integer> nodeIndex = new ArrayList<>();
        List<Integer> smartNicIndex = new ArrayList<>();
        List<NodeFile> nodes = f.nodes == null ? List.of() : f.nodes;
        for (int i = 0; i < nodes.size(); i++) {
            NodeFile n = nodes.get(i);
            if (n == null) {
                early.add(new Problem("nodes[" + i + "]", "empty entry: give name, host and card, or remove it"));
                continue;
            }
            CardFile c = n.card == null ? new CardFile() : n.card;
            Card.Model model = c.model;
            if (model == null && c.deviceId != null) {
                model = Card.Model.byDeviceId(c.deviceId).orElse(null);
            }
            if (model == null) {
                early.add(new Problem("nodes[" + i + "].card.model", "required: BLUEFIELD_2, BLUEFIELD_3, or a"
                        + " deviceId a2d6/a2dc"));
                continue;
            }
            nodeIndex.add(i);
            b.node(new DpuNode(n.name, Optional.ofNullable(n.host), new Card(model, c.pciAddress, c.uplink, c.hostPf,
                    c.totalVfs == null ? OptionalInt.empty() : OptionalInt.of(c.totalVfs),
                    c.memoryGiB == null ? OptionalInt.empty() : OptionalInt.of(c.memoryGiB)), Optional.ofNullable(n.target)));
        }
        List<SmartNicFile> smartNics = f.smartNicHosts == null ? List.of() : f.smartNicHosts;
        for (int j = 0; j < smartNics.size(); j++) {
            SmartNicFile s = smartNics.get(j);
            if (s == null) {
                early.add(new Problem("smartNicHosts[" + j + "]", "empty entry: give host and hostPf, or remove it"));
            } else {
                smartNicIndex.add(j);
                b.smartNicHost(s.host, s.hostPf);
            }
        }
        if (f.numVfs != null) {
            b.numVfs(f.numVfs);
        }
        if (f.mgmtPortVf != null) {
            b.mgmtPortVf(f.mgmtPortVf);
        }
        if (f.offloads != null) {
            List<Offload> offloads = new ArrayList<>();
            for (int i = 0; i < f.offloads.size(); i++) {
                if (f.offloads.get(i) == null) {
                    early.add(new Problem("offloads[" + i + "]", "empty entry: one of " + List.of(Offload.values())
                            + ", or remove it"));
                } else {
                    offloads.add(f.offloads.get(i));
                }
            }
            b.offloads(offloads.toArray(new Offload[0]));
        }
        if (f.mtu != null) {
            b.mtu(f.mtu);
        }
        if (f.dpf != null) {
            b.dpf(f.dpf.settings());
        }
        if (f.modeLabels != null) {
            b.modeLabels(f.modeLabels);
        }
        if (f.mgmtResourceName != null || f.workloadResourceName != null) {
            b.resourceNames(f.mgmtResourceName == null ? DpuOffloadConfig.DEFAULT_MGMT_RESOURCE_NAME : f.mgmtResourceName,
                    f.workloadResourceName == null ? DpuOffloadConfig.DEFAULT_WORKLOAD_RESOURCE_NAME : f.workloadResourceName);
        }
        DpuOffloadConfig built = null;
        List<Problem> validated = List.of();
        try {
            built = b.build();
        } catch (DpuException e) {
            validated = e.problems();
        }
        List<Problem> all = new ArrayList<>(early);
        for (Problem v : validated) {
            all.add(inFile(inFile(v, "nodes[", nodeIndex), "smartNicHosts[", smartNicIndex));
        }
        if (!all.isEmpty()) {
            throw DpuException.invalid(all);
        }
        return built;
    }
}
