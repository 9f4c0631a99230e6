package io.ocatopic.dpu;

import java.util.List;
import java.util.Optional;

/**
 * The DOCA Platform Framework settings of a configuration: what the host cluster needs to provision its
 * BlueField-3 DPUs ({@code BFB}, {@code DPUFlavor}, {@code DPUSet}, {@code DPUCluster}) and to run
 * OVN-Kubernetes offload on them. Field meanings follow DPF v24.10 ({@code NVIDIA/doca-platform}
 * {@code docs/guides/usecases/hbn_ovn/readme.md} and its {@code manifests/}); validated by
 * {@link DpuOffloadConfig.Builder#build()}.
 *
 * <pre>{@code
 * DpfSettings dpf = DpfSettings.builder("http://10.0.0.2/bf-bundle-2.9.1-40_24.11_ubuntu-22.04_prod.bfb",
 *         "https://10.0.0.10:6443", "10.0.0.100", "br-dpu").build();
 * }</pre>
 *
 * @param namespace          where DPF runs ({@code dpf-operator-system})
 * @param bfbUrl             the BFB image (http or https, ending {@code .bfb}, as the BFB CRD requires)
 * @param bfbSha256          its SHA-256, when known (checked by {@link io.ocatopic.dpu.dpf.DpfPreflight})
 * @param bfbPvcName         the PersistentVolumeClaim the provisioning controller downloads BFBs to
 * @param hugepages          2 MiB hugepages the DPU kernel reserves (DPF's own flavor: 3072, 6 GiB)
 * @param kernelParameters   extra DPU kernel parameters (never {@code hugepages*}: use {@code hugepages})
 * @param chartVersion       the OVN-Kubernetes chart version DPF publishes ({@code v24.10.0})
 * @param dpuClusterVersion  the Kubernetes version of the DPU cluster (DPF v24.10 supports 1.30)
 * @param dpuClusterVip      the keepalived VIP of the DPU cluster's API (not allocatable by DHCP)
 * @param dpuClusterInterface the control-plane nodes' out-of-band interface keepalived listens on
 * @param virtualRouterId    keepalived's virtual router id, 1..255
 * @param apiServer          the host cluster's API server URL, for ovnkube-node on the DPUs
 * @param podCidr            the host cluster's pod network (split per node as {@code /24})
 * @param serviceCidr        the host cluster's service network
 * @param hostCidr           the hosts' node network
 * @param vtepCidr           the VTEP pool handed out by DPUServiceIPAM
 * @param imagePullSecret    the pull secret's name in {@link #namespace()}, if images need one
 * @param mtu                the high-speed MTU (DPF v24.10 known issue #7: above 1450 pod traffic fails)
 */
public record DpfSettings(String namespace, String bfbUrl, Optional<String> bfbSha256, String bfbPvcName, int hugepages,
                          List<String> kernelParameters, String chartVersion, String dpuClusterVersion,
                          String dpuClusterVip, String dpuClusterInterface, int virtualRouterId, String apiServer,
                          String podCidr, String serviceCidr, String hostCidr, String vtepCidr,
                          Optional<String> imagePullSecret, int mtu) {
    /** DPF's namespace in its guides. */
    public static final String DEFAULT_NAMESPACE = "dpf-operator-system";

    /**
     * Copies the list; nulls become empty.
     *
     * @param namespace see the record description
     * @param bfbUrl see the record description
     * @param bfbSha256 see the record description
     * @param bfbPvcName see the record description
     * @param hugepages see the record description
     * @param kernelParameters see the record description
     * @param chartVersion see the record description
     * @param dpuClusterVersion see the record description
     * @param dpuClusterVip see the record description
     * @param dpuClusterInterface see the record description
     * @param virtualRouterId see the record description
     * @param apiServer see the record description
     * @param podCidr see the record description
     * @param serviceCidr see the record description
     * @param hostCidr see the record description
     * @param vtepCidr see the record description
     * @param imagePullSecret see the record description
     * @param mtu see the record description
     */
    public DpfSettings {
        kernelParameters = kernelParameters == null ? List.of() : List.copyOf(kernelParameters);
        bfbSha256 = bfbSha256 == null ? Optional.empty() : bfbSha256;
        imagePullSecret = imagePullSecret == null ? Optional.empty() : imagePullSecret;
    }

    /**
     * Starts DPF settings with the required values, the rest at the defaults of DPF's guides.
     *
     * @param bfbUrl              the BFB image URL
     * @param apiServer           the host cluster's API server URL
     * @param dpuClusterVip       the DPU cluster's VIP
     * @param dpuClusterInterface the interface keepalived listens on
     * @return a builder with the defaults of DPF's guides (3072 hugepages, Kubernetes v1.30.2, MTU 1450, ...)
     */
    public static Builder builder(String bfbUrl, String apiServer, String dpuClusterVip, String dpuClusterInterface) {
        return new Builder(bfbUrl, apiServer, dpuClusterVip, dpuClusterInterface);
    }

    /** Collects DPF settings; {@link DpuOffloadConfig.Builder#build()} validates them. */
    public static final class Builder {
        private String namespace = DEFAULT_NAMESPACE;
        private final String bfbUrl;
        private String bfbSha256;
        private String bfbPvcName = "bfb-pvc";
        private int hugepages = 3072;
        private List<String> kernelParameters = List.of();
        private String chartVersion = "v24.10.0";
        private String dpuClusterVersion = "v1.30.2";
        private final String dpuClusterVip;
        private final String dpuClusterInterface;
        private int virtualRouterId = 126;
        private final String apiServer;
        private String podCidr = "10.233.64.0/18";
        private String serviceCidr = "10.233.0.0/18";
        private String hostCidr = "10.0.110.0/24";
        private String vtepCidr = "10.0.120.0/22";
        private String imagePullSecret;
        private int mtu = 1450;

        private Builder(String bfbUrl, String apiServer, String vip, String iface) {
            this.bfbUrl = bfbUrl;
            this.apiServer = apiServer;
            this.dpuClusterVip = vip;
            this.dpuClusterInterface = iface;
        }

        /**
         * Sets the namespace DPF is installed in.
         *
         * @param v see {@link DpfSettings#namespace()}
         * @return this builder
         */
        public Builder namespace(String v) {
            namespace = v;
            return this;
        }

        /**
         * Sets the expected SHA-256 of the BFB image.
         *
         * @param v see {@link DpfSettings#bfbSha256()}
         * @return this builder
         */
        public Builder bfbSha256(String v) {
            bfbSha256 = v;
            return this;
        }

        /**
         * Sets the PersistentVolumeClaim the provisioning controller downloads BFBs to.
         *
         * @param v see {@link DpfSettings#bfbPvcName()}
         * @return this builder
         */
        public Builder bfbPvcName(String v) {
            bfbPvcName = v;
            return this;
        }

        /**
         * Sets the number of 2 MiB hugepages the DPU kernel reserves.
         *
         * @param v see {@link DpfSettings#hugepages()}
         * @return this builder
         */
        public Builder hugepages(int v) {
            hugepages = v;
            return this;
        }

        /**
         * Sets extra DPU kernel parameters.
         *
         * @param v see {@link DpfSettings#kernelParameters()}
         * @return this builder
         */
        public Builder kernelParameters(List<String> v) {
            kernelParameters = v;
            return this;
        }

        /**
         * Sets the version of the OVN-Kubernetes chart DPF publishes.
         *
         * @param v see {@link DpfSettings#chartVersion()}
         * @return this builder
         */
        public Builder chartVersion(String v) {
            chartVersion = v;
            return this;
        }

        /**
         * Sets the Kubernetes version of the DPU cluster.
         *
         * @param v see {@link DpfSettings#dpuClusterVersion()}
         * @return this builder
         */
        public Builder dpuClusterVersion(String v) {
            dpuClusterVersion = v;
            return this;
        }

        /**
         * Sets keepalived's virtual router id for the DPU cluster's VIP.
         *
         * @param v see {@link DpfSettings#virtualRouterId()}
         * @return this builder
         */
        public Builder virtualRouterId(int v) {
            virtualRouterId = v;
            return this;
        }

        /**
         * Sets the host cluster's pod, service and node networks and the VTEP pool.
         *
         * @param pod     see {@link DpfSettings#podCidr()}
         * @param service see {@link DpfSettings#serviceCidr()}
         * @param host    see {@link DpfSettings#hostCidr()}
         * @param vtep    see {@link DpfSettings#vtepCidr()}
         * @return this builder
         */
        public Builder networks(String pod, String service, String host, String vtep) {
            podCidr = pod;
            serviceCidr = service;
            hostCidr = host;
            vtepCidr = vtep;
            return this;
        }

        /**
         * Sets the name of the pull secret the DPF images need.
         *
         * @param v see {@link DpfSettings#imagePullSecret()}
         * @return this builder
         */
        public Builder imagePullSecret(String v) {
            imagePullSecret = v;
            return this;
        }

        /**
         * Sets the high-speed MTU.
         *
         * @param v see {@link DpfSettings#mtu()}
         * @return this builder
         */
        public Builder mtu(int v) {
            mtu = v;
            return this;
        }

        /**
         * Returns the settings built from this builder's values.
         *
         * @return the settings (validated with the configuration that holds them)
         */
        public DpfSettings build() {
            return new DpfSettings(namespace, bfbUrl, Optional.ofNullable(bfbSha256), bfbPvcName, hugepages, kernelParameters,
                    chartVersion, dpuClusterVersion, dpuClusterVip, dpuClusterInterface, virtualRouterId, apiServer, podCidr,
                    serviceCidr, hostCidr, vtepCidr, Optional.ofNullable(imagePullSecret), mtu);
        }
    }
}
