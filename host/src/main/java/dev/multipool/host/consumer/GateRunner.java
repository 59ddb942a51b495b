package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerException;
import dev.multipool.api.GateDeadline;
import dev.multipool.api.GateStatus;
import dev.multipool.api.StartupGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a consumer's startup gates in order: each is checked until it opens, its progress logged
 * every 5 seconds and shown in the consumer's status, its deadline enforced. A waiting gate is
 * checked again every poll interval, and at once when its {@link GateWakeup} is signalled.
 */
final class GateRunner {

    private static final Logger log = LoggerFactory.getLogger(GateRunner.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final String consumerId;
    private final Clock clock;
    private final Duration pollInterval;
    private final ConsumerStatus status;
    private final GateWakeup wakeup;

    GateRunner(String consumerId, Clock clock, Duration pollInterval, ConsumerStatus status, GateWakeup wakeup) {
        this.consumerId = requireNonNull(consumerId, "consumerId is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.status = requireNonNull(status, "status is null");
        this.wakeup = requireNonNull(wakeup, "wakeup is null");
    }

    /**
     * Returns when every gate is open (or given up on with a warning).
     *
     * @throws ConsumerException when a gate fails, throws, or misses a failing deadline
     * @throws InterruptedException when the host shuts down meanwhile
     */
    void run(List<StartupGate> gates) throws InterruptedException {
        for (StartupGate gate : gates) {
            runOne(gate);
        }
    }

    private void runOne(StartupGate gate) throws InterruptedException {
        String name = gate.name();
        GateDeadline deadline = gate.deadline();
        Instant start = clock.instant();
        Instant nextLog = start;
        while (true) {
            long seen = wakeup.changes();
            GateStatus answer;
            try {
                answer = gate.check();
            } catch (RuntimeException e) {
                throw new ConsumerException("startup gate " + name + " failed: " + e, e);
            }
            switch (answer.state()) {
                case OPEN:
                    if (!answer.detail().isEmpty()) {
                        log.warn("consumer {}: startup gate {} opened with a warning: {}", consumerId, name, answer.detail());
                        status.warn(name + ": " + answer.detail());
                    } else {
                        log.info("consumer {}: startup gate {} is open", consumerId, name);
                    }
                    return;
                case FAILED:
                    throw new ConsumerException("startup gate " + name + " failed: " + answer.detail());
                default:
                    break;
            }
            status.waiting(name, answer.detail());
            Instant now = clock.instant();
            Duration waited = Duration.between(start, now);
            if (deadline.isBounded() && waited.compareTo(deadline.timeout()) >= 0) {
                String message = "startup gate " + name + " did not open within " + deadline.timeout() + ": " + answer.detail();
                if (deadline.action() == GateDeadline.Action.FAIL) {
                    throw new ConsumerException(message);
                }
                log.warn("consumer {}: {}; going on", consumerId, message);
                status.warn(message);
                return;
            }
            if (!now.isBefore(nextLog)) {
                log.info("consumer {}: waiting for startup gate {}: {}", consumerId, name, answer.detail());
                nextLog = now.plus(LOG_EVERY);
            }
            wakeup.awaitChange(seen, pollInterval);
        }
    }
}
