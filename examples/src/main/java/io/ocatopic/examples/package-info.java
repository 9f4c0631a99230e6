/** Runnable example programs, one per capability, each a {@code main} that uses one entry type. */
package io.ocatopic.examples;
