/** MIG catalog, layout enumeration and validation, the fleet planner, first-fit baseline, mig-parted configs. */
package io.ocatopic.gpu.mig;
