package io.ocatopic.gpu.internal.vgpu;

import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.internal.mig.GpuModel;
import io.ocatopic.gpu.internal.mig.MigProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a vGPU type against a GPU: the type's GPU token must name the model's family, time-sliced
 * types need MIG off, and MIG-backed types need MIG on with enough GPU instances of the backing profile
 * (each MIG-backed vGPU occupies one GPU instance; NVIDIA vGPU user guide, "vGPUs on MIG-backed GPUs";
 * vgpu-device-manager reconfigures MIG through mig-parted before creating them,
 * {@code cmd/nvidia-k8s-vgpu-dm/reconfigure_mig.go}).
 *
 * <pre>{@code
 * List<String> problems = VgpuValidator.validate(VgpuType.parse("A100-1-5C"), 7, a100, true, layout);
 * }</pre>
 */
public final class VgpuValidator {
    private VgpuValidator() {
    }

    /**
     * Validates {@code count} vGPUs of {@code type} on one GPU.
     *
     * @param type       the vGPU type
     * @param count      how many vGPUs of it the GPU should carry
     * @param model      the GPU's catalog model
     * @param migEnabled whether MIG is on for the GPU
     * @param layout     the GPU's MIG layout (instances), empty when MIG is off
     * @return every problem, empty when the type fits
     */
    public static List<String> validate(VgpuType type, int count, GpuModel model, boolean migEnabled,
                                        List<MigPlan.Instance> layout) {
        List<String> problems = new ArrayList<>();
        String family = model.key().split("-")[0];
        if (!type.gpu().startsWith(family)) {
            problems.add(type + ": vGPU type is for " + type.gpu() + ", the GPU is " + model.key());
        }
        if (count < 1) {
            problems.add(type + ": count " + count + " must be at least 1");
        }
        if (!type.isMigBacked()) {
            if (migEnabled) {
                problems.add(type + ": time-sliced vGPU types need MIG off; the GPU has MIG on");
            }
            return problems;
        }
        if (!migEnabled) {
            problems.add(type + ": MIG-backed vGPU types need MIG on; the GPU has MIG off");
        }
        String profile = type.migProfile();
        if (model.profile(profile).isEmpty()) {
            problems.add(type + ": needs MIG profile " + profile + ", which " + model.key() + " does not have (has "
                    + model.profiles().stream().map(MigProfile::name).toList() + ")");
            return problems;
        }
        long have = layout.stream().filter(pi -> pi.profile().equals(profile)).count();
        if (migEnabled && have < count) {
            problems.add(type + ": " + count + " vGPUs need " + count + " GPU instances of " + profile
                    + ", the layout has " + have);
        }
        return problems;
    }
}
