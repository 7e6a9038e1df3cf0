package org.lifecycle.bench.segmentation;

import java.util.Arrays;

/** The arithmetic of the segmentation benchmark's figures, apart from any I/O so it can be tested on its own. */
public final class Stats {

    private Stats() {
    }

    /** Percentiles and extremes of a set of durations in milliseconds. */
    public record Summary(int count, long p50, long p99, long max) {

        public static final Summary EMPTY = new Summary(0, 0, 0, 0);
    }

    /**
     * The nearest-rank percentile of {@code sorted} (ascending): the smallest value with at least {@code p} of the
     * values at or below it. {@code p} in (0, 1].
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in (0, 1]: " + p);
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** p50, p99 and max of unsorted values (not changed). */
    public static Summary summarize(long[] values) {
        if (values.length == 0) {
            return Summary.EMPTY;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Summary(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    /**
     * Events per second between two samples of a running count: {@code (countEnd - countStart)} over the time between
     * them. Zero when no time passed.
     */
    public static double rate(long countStart, long nanosStart, long countEnd, long nanosEnd) {
        long nanos = nanosEnd - nanosStart;
        if (nanos <= 0) {
            return 0;
        }
        return (countEnd - countStart) * 1e9 / nanos;
    }

    /**
     * When the {@code index}-th event (from 0) of a paced stream is due: {@code start} plus {@code index / rate}
     * seconds, in nanoseconds, without drift over long runs.
     */
    public static long dueNanos(long startNanos, long index, double perSecond) {
        return startNanos + (long) (index * 1e9 / perSecond);
    }

    /**
     * The moment a probe's time-driven change comes due, moved so it falls {@code lead} plus {@code i / n} of
     * {@code spread} after {@code now}: the event time to give the {@code i}-th of {@code n} profiles whose change
     * comes {@code gap} after their last event.
     */
    public static long eventTimeForDue(long nowMillis, long gapMillis, long leadMillis, long spreadMillis, int i,
            int n) {
        long offset = n <= 1 ? 0 : spreadMillis * i / (n - 1);
        return nowMillis - gapMillis + leadMillis + offset;
    }

    /** The 1, 5 and 15 minute load averages as {@code /proc/loadavg} gives them, e.g. {@code "1.52 1.31 1.20"}. */
    public static String loadAverage(String procLoadavg) {
        String[] parts = procLoadavg.strip().split("\\s+");
        if (parts.length < 3) {
            throw new IllegalArgumentException("not a load average: " + procLoadavg);
        }
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    /** The largest "blocked for N ms" the Vert.x blocked-thread checker logged, 0 when none. */
    public static long maxBlockedMillis(Iterable<String> logLines) {
        long max = 0;
        for (String line : logLines) {
            int at = line.indexOf("has been blocked for ");
            if (at < 0) {
                continue;
            }
            int from = at + "has been blocked for ".length();
            int to = from;
            while (to < line.length() && Character.isDigit(line.charAt(to))) {
                to++;
            }
            if (to > from) {
                max = Math.max(max, Long.parseLong(line.substring(from, to)));
            }
        }
        return max;
    }

    /**
     * User plus system CPU time of a process, in clock ticks, from its {@code /proc/<pid>/stat} line (fields 14 and
     * 15, counted after the command name, which is in parentheses and may hold spaces).
     */
    public static long cpuTicks(String procStat) {
        int close = procStat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line");
        }
        String[] fields = procStat.substring(close + 2).strip().split("\\s+");
        // fields[0] is field 3 (state); utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Whether a log line is a Vert.x blocked-thread warning. */
    public static boolean isBlockedWarning(String line) {
        return line.contains("has been blocked for ");
    }
}
