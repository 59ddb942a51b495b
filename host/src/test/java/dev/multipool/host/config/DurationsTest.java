package dev.multipool.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
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

    @Property(tries = 300)
    void formatThenParseGivesTheSameDuration(@ForAll @LongRange(min = 1, max = 9_000_000_000_000_000L) long nanos) {
        Duration duration = Duration.ofNanos(nanos);

        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @Property(tries = 50)
    void formatWritesLargestUnitsFirst(@ForAll @LongRange(min = 1, max = 100) long hours) {
        assertThat(Durations.format(Duration.ofHours(hours).plusMinutes(30))).isEqualTo(hours + "h30m");
    }
}
