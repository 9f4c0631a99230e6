/**
 * The error model every ocatopic module shares: {@link io.ocatopic.core.OcatopicException}, the unchecked
 * root of every exception the SDK throws, with its {@link io.ocatopic.core.OcatopicException#reason()
 * reason} and {@link io.ocatopic.core.OcatopicException.Outcome outcome}, and
 * {@link io.ocatopic.core.Problem}, one invalid field with its path and the fix.
 *
 * <pre>{@code
 * try {
 *     ChassisSpec spec = ChassisSpec.load(path);
 * } catch (OcatopicException e) {
 *     e.problems().forEach(p -> System.err.println(p));   // edgeclusters[1].master0.mac: ... is not a MAC address
 *     System.exit(e.outcome().exitCode());               // 2: bad input
 * }
 * }</pre>
 */
package io.ocatopic.core;
