package dev.multipool.bench.support;

import java.util.Arrays;
import java.util.List;

/** Order statistics of measured values (latencies, run times): median, percentiles, min, max. */
public final class Samples {

    private final double[] sorted;

    private Samples(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /**
     * Wraps values.
     *
     * @param values the values, in any order
     * @return the statistics
     */
    public static Samples of(double... values) {
        return new Samples(values);
    }

    /**
     * Wraps values.
     *
     * @param values the values, in any order
     * @return the statistics
     */
    public static Samples of(List<Double> values) {
        return new Samples(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Wraps nanosecond values as milliseconds.
     *
     * @param nanos durations in nanoseconds
     * @param count how many of them are used
     * @return the statistics in milliseconds
     */
    public static Samples ofNanosAsMillis(long[] nanos, int count) {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            millis[i] = nanos[i] / 1e6;
        }
        return new Samples(millis);
    }

    public int count() {
        return sorted.length;
    }

    public double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Returns a percentile (nearest rank).
     *
     * @param p from 0 to 100
     * @return the value
     */
    public double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }
}
