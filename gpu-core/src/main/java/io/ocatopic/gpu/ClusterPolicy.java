package io.ocatopic.gpu;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.ocatopic.gpu.internal.GpuNames;

/**
 * The GPU operator's {@code ClusterPolicy} ({@code nvidia.com/v1}, cluster-scoped), typed with only the
 * fields ocatopic sets (see {@link ClusterPolicy.Spec}). Render it as a merge patch over the operator's
 * policy ({@code oc patch clusterpolicy gpu-cluster-policy --type merge}); the MIG, vGPU and RDMA
 * renderers each produce a fragment and {@link ClusterPolicy.Spec#merge} combines them.
 *
 * <p>Source: NVIDIA/gpu-operator {@code api/nvidia/v1/clusterpolicy_types.go}.
 *
 * <pre>{@code
 * ClusterPolicy cp = ClusterPolicy.of(ClusterPolicy.Spec.mig(MigStrategy.MIXED, "ocatopic-mig-config"));
 * String yaml = Serialization.asYaml(cp);
 * }</pre>
 */
@Group("nvidia.com")
@Version("v1")
@Kind("ClusterPolicy")
@Plural("clusterpolicies")
public class ClusterPolicy extends CustomResource<ClusterPolicy.Spec, Void> {
    private static final long serialVersionUID = 1L;

    /** The name the GPU operator's OLM install gives its policy on OpenShift. */
    public static final String DEFAULT_NAME = "gpu-cluster-policy";

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public ClusterPolicy() {
    }

    /**
     * A policy named {@value #DEFAULT_NAME} with the given spec fragment.
     *
     * @param spec the fields to set
     * @return the object
     */
    public static ClusterPolicy of(Spec spec) {
        ClusterPolicy cp = new ClusterPolicy();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(DEFAULT_NAME);
        cp.setMetadata(meta);
        cp.setSpec(spec);
        return cp;
    }

    /**
     * The part of the GPU operator's {@code ClusterPolicy.Spec} that ocatopic renders; every field is
     * optional ({@code null} is omitted from YAML) so that a spec is a merge-patch fragment.
     *
     * <p>The CRD ({@code config/crd/bases/nvidia.com_clusterpolicies.yaml}) requires {@code daemonsets},
     * {@code dcgm}, {@code dcgmExporter}, {@code devicePlugin}, {@code driver}, {@code gfd},
     * {@code nodeStatusExporter}, {@code operator} and {@code toolkit} in a whole spec, so a fragment is applied
     * as a merge patch over the operator's policy, never created on its own. The values the CRD limits to an
     * enum are checked here, so that the server does not reject the patch; fields ocatopic does not set are
     * ignored when a stored policy is read back.
     *
     * <p>Field names follow NVIDIA/gpu-operator {@code api/nvidia/v1/clusterpolicy_types.go}:
     * {@code mig.strategy} (none|single|mixed), {@code migManager.config.{name,default}},
     * {@code driver.rdma.{enabled,useHostMofed}} ({@code GPUDirectRDMASpec}), {@code driver.kernelModuleType},
     * {@code sandboxWorkloads.{enabled,defaultWorkload}} ({@code SandboxWorkloadsSpec}, defaultWorkload
     * container|vm-passthrough|vm-vgpu) and {@code vgpuDeviceManager.{enabled,config}}.
     *
     * @param mig               MIG strategy
     * @param migManager        MIG manager settings
     * @param driver            driver settings (RDMA, kernel module flavour)
     * @param sandboxWorkloads  sandbox (VM) workload settings
     * @param vgpuDeviceManager vGPU device manager settings
     * <pre>{@code
     * ClusterPolicy.Spec s = ClusterPolicy.Spec.mig(MigStrategy.SINGLE, "cfg").merge(rdmaReport.settings());
     * }</pre>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(Mig mig, MigManager migManager, Driver driver, SandboxWorkloads sandboxWorkloads,
                                    VgpuDeviceManager vgpuDeviceManager) {

        /**
         * Returns a spec that sets nothing.
         *
         * @return a spec that sets nothing
         */
        public static Spec empty() {
            return new Spec(null, null, null, null, null);
        }

        /**
         * MIG settings: the strategy and the MIG manager's ConfigMap (with {@code all-disabled} as default).
         *
         * @param strategy      the strategy
         * @param configMapName ConfigMap holding {@code config.yaml} with the mig-parted config
         * @return the fragment
         */
        public static Spec mig(MigStrategy strategy, String configMapName) {
            return new Spec(new Mig(strategy.value()),
                    new MigManager(true, new ConfigRef(configMapName, "all-disabled")), null, null, null);
        }

        /**
         * Combines two fragments; the other's non-null top-level sections win, and {@code driver} is merged
         * field by field.
         *
         * @param other the fragment to lay over this one
         * @return the combined fragment
         */
        public Spec merge(Spec other) {
            Driver d = driver == null ? other.driver : other.driver == null ? driver
                    : new Driver(other.driver.rdma != null ? other.driver.rdma : driver.rdma,
                    other.driver.kernelModuleType != null ? other.driver.kernelModuleType : driver.kernelModuleType);
            return new Spec(other.mig != null ? other.mig : mig,
                    other.migManager != null ? other.migManager : migManager, d,
                    other.sandboxWorkloads != null ? other.sandboxWorkloads : sandboxWorkloads,
                    other.vgpuDeviceManager != null ? other.vgpuDeviceManager : vgpuDeviceManager);
        }

        /**
         * {@code spec.mig}.
         *
         * @param strategy none, single or mixed
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Mig(String strategy) {
            /**
             * Validates.
             *
             * @param strategy see the record component
             * @throws io.ocatopic.gpu.GpuException {@code INVALID} for a value outside the CRD's enum
             */
            public Mig {
                oneOf(strategy, "spec.mig.strategy", "none", "single", "mixed");
            }
        }

        private static void oneOf(String value, String path, String... allowed) {
            if (value != null && !java.util.List.of(allowed).contains(value)) {
                throw new GpuException(GpuException.Reason.INVALID, "invalid ClusterPolicy",
                        java.util.List.of(new io.ocatopic.core.Problem(path, "\"" + value + "\" is not one of " + String.join(", ", java.util.List.of(allowed)
                                .stream().map(a -> a.isEmpty() ? "\"\"" : a).toList()) + " (the CRD's enum)")), null);
            }
        }

        /**
         * A ConfigMap reference with a default config name ({@code MIGPartedConfigSpec}, {@code VGPUDevicesConfigSpec}).
         *
         * @param name          ConfigMap name
         * @param defaultConfig the config label applied when a node has none ({@code default})
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record ConfigRef(String name, @JsonProperty("default") String defaultConfig) {
            /**
             * Validates.
             *
             * @param name          see the record component
             * @param defaultConfig see the record component
             * @throws io.ocatopic.gpu.GpuException {@code INVALID} when the name cannot be a ConfigMap's
             */
            public ConfigRef {
                if (name != null && !name.isEmpty()) { // "" is the operator's own default ConfigMap
                    GpuNames.requireSubdomain(name, "config.name");
                }
            }
        }

        /**
         * {@code spec.migManager}.
         *
         * @param enabled whether the MIG manager runs
         * @param config  its mig-parted ConfigMap
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record MigManager(Boolean enabled, ConfigRef config) {
            /**
             * Validates.
             *
             * @param enabled see the record component
             * @param config  see the record component
             * @throws io.ocatopic.gpu.GpuException {@code INVALID} for a default outside the CRD's enum
             */
            public MigManager {
                oneOf(config == null ? null : config.defaultConfig(), "spec.migManager.config.default", "all-disabled", "");
            }
        }

        /**
         * {@code spec.driver} (only what ocatopic sets).
         *
         * @param rdma             GPUDirect RDMA settings
         * @param kernelModuleType auto, open or proprietary
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Driver(Rdma rdma, String kernelModuleType) {
            /**
             * Validates.
             *
             * @param rdma             see the record component
             * @param kernelModuleType see the record component
             * @throws io.ocatopic.gpu.GpuException {@code INVALID} for a value outside the CRD's enum
             */
            public Driver {
                oneOf(kernelModuleType, "spec.driver.kernelModuleType", "auto", "open", "proprietary");
            }
        }

        /**
         * {@code spec.driver.rdma} ({@code GPUDirectRDMASpec}).
         *
         * @param enabled      legacy nvidia-peermem path
         * @param useHostMofed MOFED/DOCA drivers installed on the host rather than by the network operator
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Rdma(Boolean enabled, Boolean useHostMofed) {
        }

        /**
         * {@code spec.sandboxWorkloads} ({@code SandboxWorkloadsSpec}).
         *
         * @param enabled         whether the operator manages VM operands (VFIO manager, vGPU manager, ...)
         * @param defaultWorkload container, vm-passthrough or vm-vgpu
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record SandboxWorkloads(Boolean enabled, String defaultWorkload) {
            /**
             * Validates.
             *
             * @param enabled         see the record component
             * @param defaultWorkload see the record component
             * @throws io.ocatopic.gpu.GpuException {@code INVALID} for a value outside the CRD's enum
             */
            public SandboxWorkloads {
                oneOf(defaultWorkload, "spec.sandboxWorkloads.defaultWorkload", "container", "vm-passthrough", "vm-vgpu");
            }
        }

        /**
         * {@code spec.vgpuDeviceManager}.
         *
         * @param enabled whether the vGPU device manager runs
         * @param config  its vgpu-device-manager ConfigMap
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record VgpuDeviceManager(Boolean enabled, ConfigRef config) {
        }
    }
}
