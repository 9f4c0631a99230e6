/**
 * KMM resources as typed fabric8 custom resources ({@link io.ocatopic.kmm.resources.Module},
 * {@link io.ocatopic.kmm.resources.ManagedClusterModule}, {@link io.ocatopic.kmm.resources.PreflightValidation})
 * and their pure rendering: from a spec, for in-cluster builds, and per spoke for hub and spoke.
 */
package io.ocatopic.kmm.resources;
