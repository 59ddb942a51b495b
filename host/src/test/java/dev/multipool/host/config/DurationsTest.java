package dev.multipool.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations in Go's notation, as --ipam-cilium-node-update-rate takes them. */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "15s, PT15S",
        "2m, PT2M",
        "1h30m, PT1H30M",
        "1.5s, PT1.5S",
        "1h0m0s, PT1H",
        "250us, PT0.00025S",
        "3\u00b5s, PT0.000003S",
        "100ns, PT0.0000001S",
        "1m30.5s, PT1M30.5S",
        ".5s, PT0.5S",
        "2.s, PT2S"
    })
    void parsesGoDurations(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| empty duration",
        "15| missing unit after \"15\"",
        "-1s| no sign and must be positive",
        "+1s| no sign and must be positive",
        "0s| must be positive",
        "0| missing unit",
        "2.| missing unit after \"2.\"",
        "1x| unknown unit \"x\"",
        "s| expected a number at \"s\"",
        "1.2.3s| expected a number",
        "1h 30m| unknown unit \"h \"",
        "10000000h| too long"
    })
    void rejectsWhatIsNotAPositiveGoDuration(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void formatThenParseGivesTheSameDuration() {
        Random random = new Random(20261126L);
        for (int i = 0; i < 1_000; i++) {
            // spread over every unit: a random number of bits, then a random value of that size
            long nanos = 1 + (random.nextLong() >>> (1 + random.nextInt(63)));
            Duration duration = Duration.ofNanos(nanos);

            assertThat(Durations.parse(Durations.format(duration))).as("%s", duration).isEqualTo(duration);
        }
    }

    @Test
    void formatWritesLargestUnitsFirst() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(Durations.format(Duration.ofNanos(3_600_000_001_001L))).isEqualTo("1h1us1ns");
    }
}
