package io.ocatopic.dpu.internal.card;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed representor {@code phys_port_name}: {@code p0} (uplink), {@code pf0vf0} (VF),
 * {@code pf0hpf} (host PF), {@code pf0sf88} (sub-function), with an optional {@code c<N>} controller
 * prefix for an external host ({@code c1pf0vf1}). Format from the kernel's
 * {@code __devlink_port_phys_port_name_get} ({@code net/devlink/port.c}).
 *
 * <pre>{@code
 * RepresentorName r = RepresentorName.parse("c1pf0vf3").orElseThrow();   // VF 3 of PF 0, controller 1
 * }</pre>
 *
 * @param kind       what the port represents
 * @param controller the controller number, when prefixed
 * @param pf         the PF (or uplink port) number
 * @param index      the VF or SF number, for those kinds
 */
public record RepresentorName(Kind kind, OptionalInt controller, int pf, OptionalInt index) {
    private static final Pattern P = Pattern.compile("^(?:c(\\d+))?(?:p(\\d+)|pf(\\d+)(?:(hpf)|vf(\\d+)|sf(\\d+)))$");

    /** What a representor stands for. */
    public enum Kind {
        /** The physical uplink port. */
        UPLINK,
        /** A host PF. */
        HOST_PF,
        /** A VF. */
        VF,
        /** A sub-function. */
        SF
    }

    /**
     * @param physPortName a {@code phys_port_name}
     * @return the parsed name, or empty when it is not a representor name
     */
    public static Optional<RepresentorName> parse(String physPortName) {
        Matcher m = P.matcher(physPortName);
        if (!m.matches()) {
            return Optional.empty();
        }
        OptionalInt c = m.group(1) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(1)));
        if (m.group(2) != null) {
            return Optional.of(new RepresentorName(Kind.UPLINK, c, Integer.parseInt(m.group(2)), OptionalInt.empty()));
        }
        int pf = Integer.parseInt(m.group(3));
        if (m.group(4) != null) {
            return Optional.of(new RepresentorName(Kind.HOST_PF, c, pf, OptionalInt.empty()));
        }
        if (m.group(5) != null) {
            return Optional.of(new RepresentorName(Kind.VF, c, pf, OptionalInt.of(Integer.parseInt(m.group(5)))));
        }
        return Optional.of(new RepresentorName(Kind.SF, c, pf, OptionalInt.of(Integer.parseInt(m.group(6)))));
    }

    /**
     * @param controller the controller, if external
     * @param pf         the PF number
     * @param vf         the VF number
     * @return the VF representor name
     */
    public static RepresentorName vf(OptionalInt controller, int pf, int vf) {
        return new RepresentorName(Kind.VF, controller, pf, OptionalInt.of(vf));
    }

    @Override
    public String toString() {
        String c = controller.isPresent() ? "c" + controller.getAsInt() : "";
        switch (kind) {
            case UPLINK:
                return c + "p" + pf;
            case HOST_PF:
                return c + "pf" + pf + "hpf";
            case VF:
                return c + "pf" + pf + "vf" + index.getAsInt();
            default:
                return c + "pf" + pf + "sf" + index.getAsInt();
        }
    }
}
