package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The settable clock: it stands still, moves only when told, and its zone views share its time. */
class TestClockTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    @DisplayName("a new clock shows the default start in UTC and does not move by itself")
    void standsStill() throws InterruptedException {
        TestClock clock = new TestClock();
        Instant first = clock.instant();
        Thread.sleep(5);

        assertThat(first).isEqualTo(Instant.parse(TestClock.DEFAULT_START));
        assertThat(clock.instant()).isEqualTo(first);
        assertThat(clock.millis()).isEqualTo(first.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    @DisplayName("advance moves forward by the step and returns the new instant; steps add up")
    void advanceAddsUp() {
        TestClock clock = new TestClock(START);

        assertThat(clock.advance(Duration.ofSeconds(59))).isEqualTo(START.plusSeconds(59));
        clock.advance(Duration.ofMillis(1500));

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(59).plusMillis(1500));
    }

    @Test
    @DisplayName("a negative step is refused and leaves the clock where it was; set moves it back on purpose")
    void negativeStepRefused() {
        TestClock clock = new TestClock(START);

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative step PT-1S");
        assertThat(clock.instant()).isEqualTo(START);

        clock.set(START.minus(Duration.ofDays(1)));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-02-28T12:00:00Z"));
    }

    @Test
    @DisplayName("withZone gives a view in another zone that moves with the clock, both ways")
    void zoneViewSharesTime() {
        TestClock clock = new TestClock(START);
        TestClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(LocalDateTime.now(paris)).isEqualTo(LocalDateTime.parse("2026-03-01T13:00:00"));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);

        clock.advance(Duration.ofHours(2));
        assertThat(paris.instant()).isEqualTo(START.plus(Duration.ofHours(2)));

        paris.set(START);
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    @DisplayName("a move made on one thread is seen at once on another")
    void visibleAcrossThreads() throws InterruptedException {
        TestClock clock = new TestClock(START);
        Thread mover = new Thread(() -> clock.advance(Duration.ofMinutes(5)));
        mover.start();
        mover.join();

        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    }
}
