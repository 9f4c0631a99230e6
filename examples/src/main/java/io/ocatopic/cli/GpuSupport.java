package io.ocatopic.cli;

import io.ocatopic.gpu.Demand;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code [group:]profile=count} demand options for the gpu verbs. */
final class GpuSupport {
    private GpuSupport() {
    }

    static List<Demand> demands(List<String> specs) {
        List<Demand> out = new ArrayList<>();
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("demand must be [group:]profile=count: " + s);
            }
            String left = s.substring(0, eq);
            int count = Integer.parseInt(s.substring(eq + 1));
            int colon = left.indexOf(':');
            out.add(colon < 0 ? Demand.fleetWide(left, count)
                    : Demand.forGroup(left.substring(0, colon), left.substring(colon + 1), count));
        }
        return out;
    }
}
