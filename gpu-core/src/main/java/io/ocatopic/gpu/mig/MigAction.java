package io.ocatopic.gpu.mig;

/**
 * One step of a node's diff, applied in order.
 *
 * <pre>{@code
 * switch (action) { case MigAction.Create c -> ...; case MigAction.Destroy d -> ...; default -> ...; }
 * }</pre>
 */
public sealed interface MigAction {
    /** @return the GPU index the step acts on */
    int gpu();

    /** Turn MIG mode on. @param gpu GPU index */
    record EnableMig(int gpu) implements MigAction {
    }

    /** Destroy an instance (its compute instances first). @param gpu GPU index @param instance the instance */
    record Destroy(int gpu, PlacedInstance instance) implements MigAction {
    }

    /** Create an instance at its placement, with one full compute instance. @param gpu GPU index
     * @param instance the instance */
    record Create(int gpu, PlacedInstance instance) implements MigAction {
    }
}
