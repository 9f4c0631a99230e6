/**
 * MIG internals: the catalog, layout enumeration and validation, the fleet planner (problem setup, per-GPU
 * options, exact and greedy searches, the diff), the first-fit baseline, mig-parted and MIG manager configs
 * and the strategy check. Not API.
 */
package io.ocatopic.gpu.internal.mig;
