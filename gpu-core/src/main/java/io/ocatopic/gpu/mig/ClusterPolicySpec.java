package io.ocatopic.gpu.mig;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The part of the GPU operator's {@code ClusterPolicySpec} that ocatopic renders; every field is
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
 * ClusterPolicySpec s = ClusterPolicySpec.mig(MigStrategy.SINGLE, "cfg").merge(rdmaReport.settings());
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterPolicySpec(Mig mig, MigManager migManager, Driver driver, SandboxWorkloads sandboxWorkloads,
                                VgpuDeviceManager vgpuDeviceManager) {

    /** @return a spec that sets nothing */
    public static ClusterPolicySpec empty() {
        return new ClusterPolicySpec(null, null, null, null, null);
    }

    /**
     * MIG settings: the strategy and the MIG manager's ConfigMap (with {@code all-disabled} as default).
     *
     * @param strategy      the strategy
     * @param configMapName ConfigMap holding {@code config.yaml} with the mig-parted config
     * @return the fragment
     */
    public static ClusterPolicySpec mig(MigStrategy strategy, String configMapName) {
        return new ClusterPolicySpec(new Mig(strategy.value()),
                new MigManager(true, new ConfigRef(configMapName, "all-disabled")), null, null, null);
    }

    /**
     * Combines two fragments; the other's non-null top-level sections win, and {@code driver} is merged
     * field by field.
     *
     * @param other the fragment to lay over this one
     * @return the combined fragment
     */
    public ClusterPolicySpec merge(ClusterPolicySpec other) {
        Driver d = driver == null ? other.driver : other.driver == null ? driver
                : new Driver(other.driver.rdma != null ? other.driver.rdma : driver.rdma,
                other.driver.kernelModuleType != null ? other.driver.kernelModuleType : driver.kernelModuleType);
        return new ClusterPolicySpec(other.mig != null ? other.mig : mig,
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
            throw new io.ocatopic.gpu.GpuException(io.ocatopic.gpu.GpuException.Reason.INVALID, "invalid ClusterPolicy",
                    java.util.List.of(path + ": \"" + value + "\" is not one of " + String.join(", ", java.util.List.of(allowed)
                            .stream().map(a -> a.isEmpty() ? "\"\"" : a).toList()) + " (the CRD's enum)"), null);
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
                KubeNames.requireSubdomain(name, "config.name");
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
