package io.ocatopic.gpu.internal.rdma;

import io.ocatopic.gpu.GpuException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the lower-case, dash-separated names of this package's enums, with an error that lists them. */
public final class Names {
    private Names() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String what, String s) {
        if (s != null) {
            String u = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(u)) {
                    return e;
                }
            }
        }
        throw new GpuException(GpuException.Reason.INVALID, what + " \"" + s + "\" is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Names::name).collect(Collectors.joining(", ")));
    }

    public static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
