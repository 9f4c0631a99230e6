package io.ocatopic.gpu.internal.node;

import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.internal.mig.GpuModel;
import io.ocatopic.gpu.internal.mig.MigCatalog;
import io.ocatopic.gpu.internal.mig.MigProfile;
import io.ocatopic.nvml.Nvml;
import io.ocatopic.nvml.NvmlComputeInstance;
import io.ocatopic.nvml.NvmlDevice;
import io.ocatopic.nvml.NvmlException;
import io.ocatopic.nvml.NvmlGpuInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MigNode} over NVML. Profile ids are read from the device ({@code info.id} of the catalog
 * profile's enum), never taken from the catalog; instances are created with explicit placements
 * ({@code nvmlDeviceCreateGpuInstanceWithPlacement}), so no ordering retries are needed.
 *
 * <pre>{@code
 * try (Nvml nvml = Nvml.open()) { new NodeApplier().apply(plan, new NvmlMigNode(nvml, catalog), false); }
 * }</pre>
 */
public final class NvmlMigNode implements MigNode {
    // Compute instance profile enums by compute slices: 1,2,3,4,7 -> 0,1,2,3,4 (nvml.h
    // NVML_COMPUTE_INSTANCE_PROFILE_*_SLICE).
    private static final int[] CI_ENUM_BY_SLICES = {-1, 0, 1, 2, 3, -1, -1, 4};

    private final Nvml nvml;
    private final MigCatalog catalog;

    /**
     * Creates the node view.
     *
     * @param nvml    an open session
     * @param catalog the catalog that names models
     */
    public NvmlMigNode(Nvml nvml, MigCatalog catalog) {
        this.nvml = nvml;
        this.catalog = catalog;
    }

    @Override
    public List<DeviceFacts> devices() {
        List<DeviceFacts> out = new ArrayList<>();
        for (NvmlDevice d : nvml.devices()) {
            int pci = d.pciInfo().pciDeviceId();
            out.add(new DeviceFacts(d.index(), d.name(), pci, catalog.byPciId(pci).map(GpuModel::key).orElse(""),
                    d.migMode().enabled()));
        }
        return out;
    }

    private GpuModel model(NvmlDevice d) {
        int pci = d.pciInfo().pciDeviceId();
        return catalog.byPciId(pci).orElseThrow(() -> new GpuException(GpuException.Reason.UNKNOWN_MODEL,
                String.format("GPU %d: PCI id 0x%08X is not in the catalog", d.index(), pci)));
    }

    private NvmlDevice.ProfileInfo info(NvmlDevice d, MigProfile p) {
        return d.gpuInstanceProfile(p.profileEnum()).orElseThrow(() -> new GpuException(
                GpuException.Reason.DEVICE_MISMATCH, "GPU " + d.index() + " has no profile " + p.name()));
    }

    @Override
    public List<Fleet.Instance> instances(int gpu) {
        NvmlDevice d = nvml.device(gpu);
        if (!d.migMode().enabled()) {
            return List.of();
        }
        GpuModel m = model(d);
        List<Fleet.Instance> out = new ArrayList<>();
        for (NvmlDevice.ProfileInfo pi : d.gpuInstanceProfiles()) {
            String name = m.profileByEnum(pi.profileEnum()).map(MigProfile::name).orElse("enum" + pi.profileEnum());
            for (NvmlGpuInstance gi : d.gpuInstances(pi.id(), pi.instanceCount())) {
                out.add(new Fleet.Instance(name, gi.info().start(), false));
            }
        }
        return out;
    }

    @Override
    public void enableMig(int gpu) {
        try {
            nvml.device(gpu).setMigMode(true);
        } catch (NvmlException e) {
            throw nvmlFailure("enable MIG on GPU " + gpu, e);
        }
    }

    private NvmlGpuInstance find(NvmlDevice d, GpuModel m, MigPlan.Instance instance) {
        MigProfile p = m.profile(instance.profile()).orElseThrow(() -> new GpuException(
                GpuException.Reason.UNKNOWN_MODEL, instance.profile() + " is unknown for " + m.key()));
        NvmlDevice.ProfileInfo info = info(d, p);
        for (NvmlGpuInstance gi : d.gpuInstances(info.id(), info.instanceCount())) {
            if (gi.info().start() == instance.start()) {
                return gi;
            }
        }
        throw new GpuException(GpuException.Reason.DEVICE_MISMATCH, "GPU " + d.index() + " has no " + instance);
    }

    @Override
    public void destroy(int gpu, MigPlan.Instance instance) {
        NvmlDevice d = nvml.device(gpu);
        try {
            NvmlGpuInstance gi = find(d, model(d), instance);
            for (NvmlComputeInstance ci : gi.computeInstances()) {
                ci.destroy();
            }
            gi.destroy();
        } catch (NvmlException e) {
            throw nvmlFailure("destroy " + instance + " on GPU " + gpu, e);
        }
    }

    @Override
    public void create(int gpu, MigPlan.Instance instance) {
        NvmlDevice d = nvml.device(gpu);
        GpuModel m = model(d);
        MigProfile p = m.profile(instance.profile()).orElseThrow(() -> new GpuException(
                GpuException.Reason.UNKNOWN_MODEL, instance.profile() + " is unknown for " + m.key()));
        try {
            NvmlDevice.ProfileInfo info = info(d, p);
            NvmlGpuInstance gi = d.createGpuInstance(info.id(), instance.start(), p.size());
            int ciEnum = CI_ENUM_BY_SLICES[p.computeSlices()];
            gi.createComputeInstance(gi.computeInstanceProfile(ciEnum).id());
        } catch (NvmlException e) {
            throw nvmlFailure("create " + instance + " on GPU " + gpu, e);
        }
    }

    private static GpuException nvmlFailure(String what, NvmlException e) {
        return new GpuException(GpuException.Reason.NVML, what + ": " + e.code(), List.of(), e);
    }
}
