/**
 * Side-by-side benchmarks: one class per capability, each running ocatopic and the peer a user would
 * pick instead in one run and printing a table with the ratio. Run with {@code benchmarks/run.sh NAME}.
 */
package io.ocatopic.benchmarks;
