package dev.multipool.host.plugin;

/** Why a plugin cannot be used; the message is the reason reported for it. */
final class PluginProblem extends Exception {

    private static final long serialVersionUID = 1L;

    PluginProblem(String reason) {
        super(reason);
    }

    PluginProblem(String reason, Throwable cause) {
        super(reason, cause);
    }
}
