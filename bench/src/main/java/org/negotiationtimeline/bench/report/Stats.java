package org.negotiationtimeline.bench.report;

import java.util.Arrays;

/**
 * Order statistics of a sample, by the nearest-rank method: no interpolation, so every figure
 * reported is a value that was actually measured.
 */
public final class Stats {

    private Stats() {
    }

    /** The value at percentile {@code p} (0 < p ≤ 100) of {@code values}; they need not be sorted. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples: a benchmark that measured nothing must not report a figure");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static double median(double[] values) {
        return percentile(values, 50);
    }

    public static double p99(double[] values) {
        return percentile(values, 99);
    }

    /** Nanoseconds to milliseconds. */
    public static double[] millis(long[] nanos) {
        return Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
    }
}
