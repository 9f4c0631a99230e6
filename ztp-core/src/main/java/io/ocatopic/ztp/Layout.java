package io.ocatopic.ztp;

/** The shape of a cluster, derived from its node roles. */
public enum Layout {
    /** One control-plane node, no workers (single-node OpenShift). */
    SINGLE_NODE,
    /** Three control-plane nodes that also run workloads, no workers. */
    COMPACT,
    /** Three control-plane nodes plus workers (the ZTPFW chassis is 3+1). */
    STANDARD,
    /** Anything else; never valid, reported by validation. */
    INVALID
}
