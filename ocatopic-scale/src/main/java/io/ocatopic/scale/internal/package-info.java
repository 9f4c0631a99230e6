/**
 * The scale harness's implementation: the event watch and the per-phase recorder behind
 * {@link io.ocatopic.scale.ScaleHarness}, the API call meter behind {@link io.ocatopic.scale.Fleet}, and the
 * HTML pages of both reports. Not API: it changes without notice.
 */
package io.ocatopic.scale.internal;
