package io.ocatopic.ztp;

/** The role of a node in a cluster. */
public enum NodeRole {
    /** A control-plane (master) node; one means single-node OpenShift, three a compact or standard cluster. */
    CONTROL_PLANE("master"),
    /** A worker node. */
    WORKER("worker");

    private final String installerName;

    NodeRole(String installerName) {
        this.installerName = installerName;
    }

    /** @return the role's name in install-config/agent-config ({@code master} or {@code worker}) */
    public String installerName() {
        return installerName;
    }
}
