/**
 * Out-of-tree kernel modules for KMM: {@link io.ocatopic.kmm.ModuleBuilder} (the entry point), the spec
 * types, KMM's kernel-mapping and substitution rules, and its admission rules.
 */
package io.ocatopic.kmm;
