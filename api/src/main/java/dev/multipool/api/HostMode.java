package dev.multipool.api;

/** Where the host gets its node resource and pool objects from. */
public enum HostMode {
    /** A Kubernetes API server: the node's CiliumNode and the cluster's pool objects. */
    KUBERNETES,
    /** No Kubernetes: an embedded node store and operator, pools from a local file. */
    STANDALONE
}
