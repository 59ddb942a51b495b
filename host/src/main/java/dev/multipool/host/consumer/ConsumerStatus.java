package dev.multipool.host.consumer;

import dev.multipool.host.status.ConsumerHealth;
import dev.multipool.host.status.ConsumerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The mutable, thread-safe state of one consumer, as {@code /v1/healthz} shows it. */
final class ConsumerStatus {

    private ConsumerState state = ConsumerState.STARTING;
    private String gate;
    private String reason = "loading";
    private final List<String> warnings = new ArrayList<>();

    synchronized void starting(String what) {
        state = ConsumerState.STARTING;
        gate = null;
        reason = what;
    }

    synchronized void waiting(String gateName, String awaiting) {
        state = ConsumerState.WAITING;
        gate = gateName;
        reason = awaiting;
    }

    synchronized void ready() {
        state = ConsumerState.READY;
        gate = null;
        reason = null;
    }

    synchronized void failed(String why) {
        state = ConsumerState.FAILED;
        gate = null;
        reason = why;
    }

    synchronized void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    synchronized ConsumerState state() {
        return state;
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    synchronized ConsumerHealth health() {
        return new ConsumerHealth(state, Optional.ofNullable(gate), Optional.ofNullable(reason), warnings);
    }

    synchronized String describe() {
        return state.wireName() + (gate == null ? "" : " (gate " + gate + ")") + (reason == null ? "" : ": " + reason);
    }
}
