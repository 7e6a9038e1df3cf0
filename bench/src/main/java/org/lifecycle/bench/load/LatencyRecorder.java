package org.lifecycle.bench.load;

import java.util.Arrays;

/** Every latency of one client thread, in microseconds; merged and sorted once at the end. Not thread-safe. */
final class LatencyRecorder {

    private long[] micros = new long[1 << 14];
    private int size;

    void record(long nanos) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = nanos / 1000;
    }

    /** Percentiles over all recorders. */
    static Latencies merge(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder r : recorders) {
            total += r.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.micros, 0, all, at, r.size);
            at += r.size;
        }
        Arrays.sort(all);
        return new Latencies(total, percentile(all, 0.50), percentile(all, 0.90), percentile(all, 0.99),
                total == 0 ? 0 : all[total - 1] / 1000.0);
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }

    /** Request latencies in milliseconds. */
    record Latencies(long count, double p50, double p90, double p99, double max) {
    }
}
