package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Durations in Go's notation, as Cilium's flags take them: a sequence of decimal numbers, each
 * with an optional fraction and a unit ({@code ns}, {@code us} or {@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h}), for example {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h30m},
 * {@code 1.5s}. Only positive durations are accepted.
 */
public final class Durations {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Parses a positive duration.
     *
     * @param text for example {@code 1h30m}
     * @return the duration
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Duration parse(String text) {
        requireNonNull(text, "text is null");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (text.charAt(0) == '-' || text.charAt(0) == '+') {
            throw new IllegalArgumentException("a duration has no sign and must be positive");
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && isNumberChar(text.charAt(i))) {
                i++;
            }
            String number = text.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new IllegalArgumentException("expected a number at \"" + text.substring(start) + "\"");
            }
            int unitStart = i;
            while (i < text.length() && !isNumberChar(text.charAt(i))) {
                i++;
            }
            String unit = text.substring(unitStart, i);
            Long nanos = NANOS_PER_UNIT.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException(unit.isEmpty()
                        ? "missing unit after \"" + number + "\" (use ns, us, ms, s, m or h)"
                        : "unknown unit \"" + unit + "\" (use ns, us, ms, s, m or h)");
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number)
                    .multiply(BigDecimal.valueOf(nanos)));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.signum() <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("too long");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static boolean isNumberChar(char c) {
        return c >= '0' && c <= '9' || c == '.';
    }

    /**
     * Formats a duration the way {@link #parse} reads it, largest unit first, for example
     * {@code 1h30m} or {@code 1s500ms}.
     *
     * @param duration a positive duration
     * @return the text
     */
    public static String format(Duration duration) {
        requireNonNull(duration, "duration is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        long rest = duration.toNanos();
        StringBuilder out = new StringBuilder();
        String[] units = {"h", "m", "s", "ms", "us", "ns"};
        for (String unit : units) {
            long size = NANOS_PER_UNIT.get(unit);
            long count = rest / size;
            if (count > 0) {
                out.append(count).append(unit);
                rest -= count * size;
            }
        }
        return out.toString();
    }
}
