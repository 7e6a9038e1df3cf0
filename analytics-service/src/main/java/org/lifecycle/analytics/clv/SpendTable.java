package org.lifecycle.analytics.clv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeat buyers' (x, zbar) pairs with identical pairs merged and counted, the input of the Gamma-Gamma model.
 * Customers without repeat purchases carry no information on spend per purchase and are left out.
 */
public final class SpendTable {

    private record Row(int x, double meanValue) {
    }

    final int size;
    final int[] x;
    final double[] meanValue;
    final double[] logMeanValue;
    final double[] count;
    final double totalCount;
    final int[] xValues;
    final int[] xIndex;

    private SpendTable(Map<Row, long[]> rows) {
        List<Row> sorted = new ArrayList<>(rows.keySet());
        sorted.sort(Comparator.comparingInt(Row::x).thenComparingDouble(Row::meanValue));
        size = sorted.size();
        x = new int[size];
        meanValue = new double[size];
        logMeanValue = new double[size];
        count = new double[size];
        xIndex = new int[size];
        Map<Integer, Integer> xs = new HashMap<>();
        double total = 0;
        for (int i = 0; i < size; i++) {
            Row r = sorted.get(i);
            x[i] = r.x();
            meanValue[i] = r.meanValue();
            logMeanValue[i] = Math.log(r.meanValue());
            count[i] = rows.get(r)[0];
            total += count[i];
            xIndex[i] = xs.computeIfAbsent(r.x(), k -> xs.size());
        }
        totalCount = total;
        xValues = new int[xs.size()];
        xs.forEach((v, i) -> xValues[i] = v);
    }

    /**
     * The repeat buyers among these customers whose repeat purchases have a positive mean value (a mean of zero, all
     * free orders, has no place in a Gamma distribution of spend).
     */
    public static SpendTable of(Collection<CustomerSummary> customers) {
        Builder b = builder();
        for (CustomerSummary c : customers) {
            if (c.frequency() > 0 && c.meanRepeatValue() > 0) {
                b.add(c.frequency(), c.meanRepeatValue());
            }
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of repeat buyers. */
    public long customers() {
        return (long) totalCount;
    }

    /** Number of distinct (x, zbar) rows. */
    public int distinctRows() {
        return size;
    }

    /** Collects repeat buyers one at a time. */
    public static final class Builder {
        private final Map<Row, long[]> rows = new HashMap<>();

        private Builder() {
        }

        /** Adds a repeat buyer with x &gt; 0 repeat purchases of mean value zbar &gt; 0. */
        public Builder add(int frequency, double meanRepeatValue) {
            if (frequency < 1 || !(meanRepeatValue > 0) || Double.isInfinite(meanRepeatValue)) {
                throw new IllegalArgumentException("the Gamma-Gamma model needs x >= 1 and zbar > 0, got x="
                        + frequency + ", zbar=" + meanRepeatValue);
            }
            rows.computeIfAbsent(new Row(frequency, meanRepeatValue), k -> new long[1])[0]++;
            return this;
        }

        public SpendTable build() {
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("no repeat buyers to fit");
            }
            return new SpendTable(rows);
        }
    }
}
