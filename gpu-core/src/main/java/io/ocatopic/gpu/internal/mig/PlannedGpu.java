package io.ocatopic.gpu.internal.mig;

import io.ocatopic.gpu.Fleet;

/** One GPU of the fleet in the planner's index form. */
final class PlannedGpu {
    /** Index of its node in the fleet. */
    int node;
    /** Position among its node's GPUs. */
    int slot;
    /** Index of its node's group (see {@link PlanningProblem#groupDemand()}). */
    int group;
    /** GPUs of one class (model, current layout, busy instances, group) are interchangeable to the search. */
    int interchangeClass;
    /** The GPU as observed. */
    Fleet.Gpu gpu;
    /** Every layout of its model. */
    LayoutSpace space;
    /** The index of its current layout in {@link #space}. */
    int current;
    /** Per profile of the model (catalog order), the index of that profile among the demanded ones, or -1. */
    int[] demandIndex;
    /** The layouts worth choosing for this GPU. */
    GpuOptions options;
}
