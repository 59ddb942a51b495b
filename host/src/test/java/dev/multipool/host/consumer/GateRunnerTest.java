package dev.multipool.host.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.GateStatus;
import dev.multipool.api.StartupGate;
import dev.multipool.host.status.ConsumerState;
import dev.multipool.host.sync.WriterObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Startup gates: a waiting gate is checked again when its wake-up is signalled, or after the poll interval. */
class GateRunnerTest {

    private static final Duration LONG_POLL = Duration.ofMinutes(10);

    /** A gate that opens once {@code open} is set, counting its checks. */
    private static final class SwitchGate implements StartupGate {
        final AtomicBoolean open = new AtomicBoolean();
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String name() {
            return "switch";
        }

        @Override
        public GateStatus check() {
            checks.incrementAndGet();
            return open.get() ? GateStatus.open() : GateStatus.waiting("switch is off");
        }
    }

    private static CompletableFuture<Void> runAsync(GateRunner runner, StartupGate gate) {
        return CompletableFuture.runAsync(() -> {
            try {
                runner.run(List.of(gate));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @DisplayName("a signalled change re-checks a waiting gate at once instead of after the poll interval")
    void signalRechecksAtOnce() throws Exception {
        GateWakeup wakeup = new GateWakeup();
        SwitchGate gate = new SwitchGate();
        ConsumerStatus status = new ConsumerStatus();
        CompletableFuture<Void> done = runAsync(new GateRunner("c", Clock.systemUTC(), LONG_POLL, status, wakeup), gate);
        while (status.state() != ConsumerState.WAITING) {
            Thread.sleep(1);
        }
        gate.open.set(true);
        wakeup.signal();

        done.get(5, TimeUnit.SECONDS);
        assertThat(gate.checks.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("without a signal a waiting gate is still checked every poll interval")
    void pollsWithoutSignal() throws Exception {
        SwitchGate gate = new SwitchGate();
        CompletableFuture<Void> done = runAsync(new GateRunner("c", Clock.systemUTC(), Duration.ofMillis(5),
                new ConsumerStatus(), new GateWakeup()), gate);
        while (gate.checks.get() < 3) {
            Thread.sleep(1);
        }
        gate.open.set(true);

        done.get(5, TimeUnit.SECONDS);
        assertThat(gate.checks.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    @DisplayName("a change signalled while the gate is being checked is not lost")
    void changeDuringCheckIsNotLost() throws Exception {
        GateWakeup wakeup = new GateWakeup();
        long seen = wakeup.changes();
        wakeup.signal();
        long started = System.nanoTime();

        wakeup.awaitChange(seen, LONG_POLL);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("the writer observer tells its delegate, then signals after passes that wrote or found the section")
    void writerPassesSignal() {
        GateWakeup wakeup = new GateWakeup();
        AtomicInteger told = new AtomicInteger();
        WriterObserver observer = wakeup.signallingAfterPasses(new WriterObserver() {
            @Override
            public void written() {
                told.incrementAndGet();
            }

            @Override
            public void unchanged() {
                told.incrementAndGet();
            }

            @Override
            public void failed(RuntimeException error) {
                told.incrementAndGet();
            }
        });

        observer.written();
        observer.unchanged();
        observer.failed(new IllegalStateException("down"));
        observer.conflict();

        assertThat(told.get()).isEqualTo(3);
        assertThat(wakeup.changes()).isEqualTo(2);
    }
}
