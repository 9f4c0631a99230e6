package io.ocatopic.gpu.internal.vgpu;

import io.ocatopic.gpu.GpuException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An NVIDIA vGPU type name: time-sliced {@code <GPU>-<GB><S>} (e.g. {@code A100-40C}) or MIG-backed
 * {@code <GPU>-<G>-<GB><S>[ME]} (e.g. {@code A100-1-5C}, {@code A100-1-5CME}), where G is the GPU
 * instance's compute slices, GB its framebuffer and S the series (A, B, C or Q).
 *
 * <p>Grammar from NVIDIA/vgpu-device-manager {@code pkg/types/vgpu_type.go} ({@code timeSlicedRegex},
 * {@code migBackedRegex}). sysfs {@code mdev_supported_types/<id>/name} prefixes the type with a brand
 * ({@code GRID A100D-1-10C}, {@code NVIDIA A100-4C}); {@link #fromMdevName} takes the last token as go-nvlib
 * {@code pkg/nvmdev/nvmdev.go} does.
 *
 * @param gpu             GPU token, e.g. {@code A100}, {@code A100D}
 * @param gpuInstances    compute slices of the backing GPU instance; 0 for time-sliced types
 * @param framebufferGb   framebuffer in GB (0 means 512 MB on old boards)
 * @param series          A, B, C or Q
 * @param mediaExtensions whether the backing instance has media extensions ({@code +me})
 * <pre>{@code
 * VgpuType t = VgpuType.parse("A100-1-5C");
 * t.migProfile(); // "1g.5gb"
 * }</pre>
 */
public record VgpuType(String gpu, int gpuInstances, int framebufferGb, char series, boolean mediaExtensions) {
    private static final Pattern TIME_SLICED = Pattern.compile("^([A-Z0-9]+)-(0|[1-9][0-9]*)([ABCQ])$");
    private static final Pattern MIG_BACKED = Pattern.compile("^([A-Z0-9]+)-([1-9])-(0|[1-9][0-9]*)([ABCQ])(ME)?$");

    /**
     * Parses a vGPU type name.
     *
     * @param s e.g. {@code A100-40C} or {@code A100-1-5C}
     * @return the type
     * @throws GpuException INVALID when the name matches neither form
     */
    public static VgpuType parse(String s) {
        Matcher m = TIME_SLICED.matcher(s);
        if (m.matches()) {
            return new VgpuType(m.group(1), 0, Integer.parseInt(m.group(2)), m.group(3).charAt(0), false);
        }
        m = MIG_BACKED.matcher(s);
        if (m.matches()) {
            return new VgpuType(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4).charAt(0), m.group(5) != null);
        }
        throw new GpuException(GpuException.Reason.INVALID, "malformed vGPU type '" + s
                + "' (expected <GPU>-<GB><A|B|C|Q> or <GPU>-<G>-<GB><A|B|C|Q>[ME])");
    }

    /**
     * Parses the {@code name} file of a sysfs mdev type, e.g. {@code GRID A100D-1-10C}.
     *
     * @param mdevName the name as sysfs gives it
     * @return the type of its last token
     */
    public static VgpuType fromMdevName(String mdevName) {
        String[] tokens = mdevName.trim().split("\\s+");
        return parse(tokens[tokens.length - 1]);
    }

    /** @return whether the type is backed by a MIG GPU instance */
    public boolean isMigBacked() {
        return gpuInstances > 0;
    }

    /** @return the MIG profile backing this type, e.g. {@code 1g.5gb} or {@code 1g.10gb+me}; "" when time-sliced */
    public String migProfile() {
        return isMigBacked() ? gpuInstances + "g." + framebufferGb + "gb" + (mediaExtensions ? "+me" : "") : "";
    }

    /** @return the canonical name, e.g. {@code A100-1-5CME} */
    public String name() {
        return isMigBacked() ? gpu + "-" + gpuInstances + "-" + framebufferGb + series + (mediaExtensions ? "ME" : "")
                : gpu + "-" + framebufferGb + series;
    }

    @Override
    public String toString() {
        return name();
    }
}
