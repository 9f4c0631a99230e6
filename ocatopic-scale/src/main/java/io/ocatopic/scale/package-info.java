/**
 * A scale harness for Kubernetes APIs: it writes the objects of N simulated spokes (from a
 * {@link io.ocatopic.scale.SpokeSource}) in create, update and delete phases, watches the
 * events the writes cause, and reports throughput and latency percentiles per phase as JSON and HTML.
 * Every object carries the run's label, so a run is cleaned up by label, also after an interrupt.
 *
 * <p>{@link io.ocatopic.scale.Fleet} simulates a fleet of klusterlets (leases, ManagedCluster and
 * ManifestWork status, KMM module loaded per node) on one small scheduler and judges the hub against the
 * SIG Scalability API call latency SLOs ({@link io.ocatopic.scale.FleetReport});
 * {@link io.ocatopic.scale.FleetCleanup} removes a run and verifies it by listing;
 * {@link io.ocatopic.scale.FleetJob} renders the simulator as an Indexed Job for larger fleets.
 */
package io.ocatopic.scale;
