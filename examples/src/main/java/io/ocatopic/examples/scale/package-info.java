/**
 * A scale harness for Kubernetes APIs: it writes the objects of N simulated spokes (from a
 * {@link io.ocatopic.examples.scale.SpokeSource}) in create, update and delete phases, watches the
 * events the writes cause, and reports throughput and latency percentiles per phase as JSON and HTML.
 * Every object carries the run's label, so a run is cleaned up by label, also after an interrupt.
 */
package io.ocatopic.examples.scale;
