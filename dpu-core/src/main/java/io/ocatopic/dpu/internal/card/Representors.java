package io.ocatopic.dpu.internal.card;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds representor netdevs by their {@code phys_port_name}.
 *
 * <pre>{@code
 * Optional<String> hostPf = Representors.find(SysfsRoot.system(), "pf0hpf");
 * }</pre>
 */
public final class Representors {
    private Representors() {
    }

    /**
     * @param sys the sysfs root
     * @return every netdev whose {@code phys_port_name} is a representor name, by that name
     * @throws IOException when sysfs cannot be read
     */
    public static Map<RepresentorName, String> all(SysfsRoot sys) throws IOException {
        Map<RepresentorName, String> out = new LinkedHashMap<>();
        for (SysfsRoot.Netdev d : sys.netdevs()) {
            d.physPortName().flatMap(RepresentorName::parse).ifPresent(r -> out.put(r, d.name()));
        }
        return out;
    }

    /**
     * @param sys          the sysfs root
     * @param physPortName the name to look for, such as {@code pf0vf1}
     * @return the netdev with that {@code phys_port_name}
     * @throws IOException when sysfs cannot be read
     */
    public static Optional<String> find(SysfsRoot sys, String physPortName) throws IOException {
        for (SysfsRoot.Netdev d : sys.netdevs()) {
            if (d.physPortName().filter(physPortName::equals).isPresent()) {
                return Optional.of(d.name());
            }
        }
        return Optional.empty();
    }
}
