package io.ocatopic.gpu.internal.node;

import io.ocatopic.gpu.internal.mig.GpuModel;
import io.ocatopic.gpu.internal.mig.MigCatalog;
import io.ocatopic.gpu.internal.mig.MigProfile;
import io.ocatopic.nvml.Nvml;
import io.ocatopic.nvml.NvmlDevice;
import io.ocatopic.nvml.NvmlException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The read-only hardware check: devices, MIG mode, GPU instance profiles, possible placements and
 * telemetry, each profile compared with the catalog (confirmed or contradicted). Calls only getters:
 * it never changes MIG mode or instances.
 *
 * <pre>{@code
 * try (Nvml nvml = Nvml.open()) { System.out.print(new NodeInspector(MigCatalog.builtin()).inspect(nvml).text()); }
 * }</pre>
 */
public final class NodeInspector {
    private final MigCatalog catalog;

    /**
     * Creates an inspector.
     *
     * @param catalog the catalog to check against
     */
    public NodeInspector(MigCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * One profile as the device reports it.
     *
     * @param profileEnum NVML enum
     * @param id          profile id
     * @param sliceCount  compute slices
     * @param instanceCount max instances
     * @param memoryMiB   memory
     * @param placements  possible placements as {@code start:size}
     * @param verdict     {@code CONFIRMED ...}, {@code CONTRADICTED ...} or {@code UNKNOWN ...}
     */
    public record ProfileReport(int profileEnum, int id, int sliceCount, int instanceCount, long memoryMiB,
                                List<String> placements, String verdict) {
    }

    /**
     * One device.
     *
     * @param index       NVML index
     * @param name        product name
     * @param uuid        UUID
     * @param busId       PCI bus id
     * @param pciDeviceId PCI id
     * @param model       catalog key or ""
     * @param migCurrent  current MIG mode
     * @param migPending  pending MIG mode
     * @param memoryTotalBytes memory total
     * @param memoryUsedBytes  memory used
     * @param temperatureCelsius temperature
     * @param powerMilliwatts    power
     * @param profiles    profiles (empty when the driver reports none, e.g. MIG disabled)
     * @param notes       anything that could not be read
     */
    public record DeviceReport(int index, String name, String uuid, String busId, int pciDeviceId, String model,
                               int migCurrent, int migPending, long memoryTotalBytes, long memoryUsedBytes,
                               int temperatureCelsius, int powerMilliwatts, List<ProfileReport> profiles,
                               List<String> notes) {
    }

    /**
     * The whole report.
     *
     * @param devices every device
     */
    public record Report(List<DeviceReport> devices) {
        /** @return the report as text, one line per fact */
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (DeviceReport d : devices) {
                sb.append(String.format("GPU %d: %s uuid=%s bus=%s pci=0x%08X model=%s mig=%d/%d mem=%d/%d MiB"
                                + " temp=%dC power=%dmW%n", d.index(), d.name(), d.uuid(), d.busId(), d.pciDeviceId(),
                        d.model().isEmpty() ? "unknown" : d.model(), d.migCurrent(), d.migPending(),
                        d.memoryUsedBytes() >> 20, d.memoryTotalBytes() >> 20, d.temperatureCelsius(),
                        d.powerMilliwatts()));
                for (ProfileReport p : d.profiles()) {
                    sb.append(String.format("  profile enum=0x%X id=%d slices=%d max=%d mem=%dMiB placements=%s %s%n",
                            p.profileEnum(), p.id(), p.sliceCount(), p.instanceCount(), p.memoryMiB(),
                            p.placements(), p.verdict()));
                }
                for (String n : d.notes()) {
                    sb.append("  note: ").append(n).append(System.lineSeparator());
                }
            }
            return sb.toString();
        }

        /** @return how many profiles contradict the catalog */
        public long contradictions() {
            return devices.stream().flatMap(d -> d.profiles().stream())
                    .filter(p -> p.verdict().startsWith("CONTRADICTED")).count();
        }
    }

    /**
     * Reads every device.
     *
     * @param nvml an open session
     * @return the report
     */
    public Report inspect(Nvml nvml) {
        List<DeviceReport> out = new ArrayList<>();
        for (NvmlDevice d : nvml.devices()) {
            List<String> notes = new ArrayList<>();
            NvmlDevice.PciInfo pci = d.pciInfo();
            GpuModel model = catalog.byPciId(pci.pciDeviceId()).orElse(null);
            NvmlDevice.MigMode mig = new NvmlDevice.MigMode(-1, -1);
            try {
                mig = d.migMode();
            } catch (NvmlException e) {
                notes.add("MIG mode: " + e.code());
            }
            NvmlDevice.MemoryInfo mem = d.memory();
            int temp = -1;
            int power = -1;
            try {
                temp = d.temperatureCelsius();
                power = d.powerMilliwatts();
            } catch (NvmlException e) {
                notes.add("telemetry: " + e.code());
            }
            List<ProfileReport> profiles = new ArrayList<>();
            try {
                for (NvmlDevice.ProfileInfo pi : d.gpuInstanceProfiles()) {
                    List<NvmlDevice.Placement> pl = d.possiblePlacements(pi.id());
                    profiles.add(new ProfileReport(pi.profileEnum(), pi.id(), pi.sliceCount(), pi.instanceCount(),
                            pi.memorySizeMB(), pl.stream().map(p -> p.start() + ":" + p.size()).toList(),
                            verdict(model, pi, pl)));
                }
            } catch (NvmlException e) {
                notes.add("profiles: " + e.code());
            }
            if (profiles.isEmpty()) {
                notes.add("no GPU instance profiles reported (MIG disabled or not supported); nothing to compare");
            }
            out.add(new DeviceReport(d.index(), d.name(), d.uuid(), pci.busId(), pci.pciDeviceId(),
                    model == null ? "" : model.key(), mig.current(), mig.pending(), mem.totalBytes(), mem.usedBytes(),
                    temp, power, profiles, notes));
        }
        return new Report(out);
    }

    static String verdict(GpuModel model, NvmlDevice.ProfileInfo pi, List<NvmlDevice.Placement> placements) {
        if (model == null) {
            return "UNKNOWN model not in catalog";
        }
        MigProfile p = model.profileByEnum(pi.profileEnum()).orElse(null);
        if (p == null) {
            return "UNKNOWN enum not in catalog for " + model.key();
        }
        List<String> diffs = new ArrayList<>();
        if (p.profileId() != pi.id()) {
            diffs.add("id " + pi.id() + " != " + p.profileId());
        }
        if (p.computeSlices() != pi.sliceCount()) {
            diffs.add("slices " + pi.sliceCount() + " != " + p.computeSlices());
        }
        if (p.maxInstances() != pi.instanceCount()) {
            diffs.add("max " + pi.instanceCount() + " != " + p.maxInstances());
        }
        List<Integer> starts = placements.stream().map(NvmlDevice.Placement::start).toList();
        boolean sizesOk = placements.stream().allMatch(x -> x.size() == p.size());
        if (!starts.equals(p.starts()) || !sizesOk) {
            diffs.add("placements " + placements.stream().map(x -> x.start() + ":" + x.size())
                    .collect(Collectors.joining(",")) + " != " + p.starts() + ":" + p.size());
        }
        String name = model.key() + " " + p.name();
        return diffs.isEmpty() ? "CONFIRMED " + name : "CONTRADICTED " + name + ": " + String.join("; ", diffs);
    }
}
