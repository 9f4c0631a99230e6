package io.ocatopic.gpu.mig;

/**
 * A GPU instance at an explicit placement.
 *
 * @param profile profile name
 * @param start   first memory slice
 * <pre>{@code
 * new PlacedInstance("3g.20gb", 4)
 * }</pre>
 */
public record PlacedInstance(String profile, int start) implements Comparable<PlacedInstance> {
    @Override
    public int compareTo(PlacedInstance o) {
        int c = Integer.compare(start, o.start);
        return c != 0 ? c : profile.compareTo(o.profile);
    }

    @Override
    public String toString() {
        return profile + "@" + start;
    }
}
