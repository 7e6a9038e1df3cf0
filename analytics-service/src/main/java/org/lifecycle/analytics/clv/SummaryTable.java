package org.lifecycle.analytics.clv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers' (x, t_x, T) summaries with identical rows merged and counted, the input of the purchase-count models.
 *
 * <p>
 * A store's customers share few distinct values: x is small, and t_x and T are whole days. The likelihoods are sums
 * over customers, so each distinct row is evaluated once and weighted by its count; the table also indexes the distinct
 * values of x, t_x, T and of the pairs (x, t_x) and (x, T), so that a likelihood computes a logarithm, a log-gamma or a
 * hypergeometric function once per distinct value instead of once per customer.
 */
public final class SummaryTable {

    private record Row(int x, double tx, double age) {
    }

    private record Pair(int x, double t) {
    }

    final int size;
    final int[] x;
    final double[] tx;
    final double[] age;
    final double[] count;
    final double totalCount;

    final int[] xValues;
    final int[] xIndex;
    final double[] txValues;
    final int[] txIndex;
    final double[] ageValues;
    final int[] ageIndex;
    final int[] xTxPairX;
    final double[] xTxPairT;
    final int[] xTxIndex;
    final int[] xAgePairX;
    final double[] xAgePairT;
    final int[] xAgeIndex;

    private SummaryTable(Map<Row, long[]> rows) {
        List<Row> sorted = new ArrayList<>(rows.keySet());
        sorted.sort(Comparator.comparingInt(Row::x).thenComparingDouble(Row::tx).thenComparingDouble(Row::age));
        size = sorted.size();
        x = new int[size];
        tx = new double[size];
        age = new double[size];
        count = new double[size];
        xIndex = new int[size];
        txIndex = new int[size];
        ageIndex = new int[size];
        xTxIndex = new int[size];
        xAgeIndex = new int[size];
        Map<Integer, Integer> xs = new HashMap<>();
        Map<Double, Integer> txs = new HashMap<>();
        Map<Double, Integer> ages = new HashMap<>();
        Map<Pair, Integer> xTx = new HashMap<>();
        Map<Pair, Integer> xAge = new HashMap<>();
        double total = 0;
        for (int i = 0; i < size; i++) {
            Row r = sorted.get(i);
            x[i] = r.x();
            tx[i] = r.tx();
            age[i] = r.age();
            count[i] = rows.get(r)[0];
            total += count[i];
            xIndex[i] = xs.computeIfAbsent(r.x(), k -> xs.size());
            txIndex[i] = txs.computeIfAbsent(r.tx(), k -> txs.size());
            ageIndex[i] = ages.computeIfAbsent(r.age(), k -> ages.size());
            xTxIndex[i] = xTx.computeIfAbsent(new Pair(r.x(), r.tx()), k -> xTx.size());
            xAgeIndex[i] = xAge.computeIfAbsent(new Pair(r.x(), r.age()), k -> xAge.size());
        }
        totalCount = total;
        xValues = new int[xs.size()];
        xs.forEach((v, i) -> xValues[i] = v);
        txValues = new double[txs.size()];
        txs.forEach((v, i) -> txValues[i] = v);
        ageValues = new double[ages.size()];
        ages.forEach((v, i) -> ageValues[i] = v);
        xTxPairX = new int[xTx.size()];
        xTxPairT = new double[xTx.size()];
        xTx.forEach((p, i) -> {
            xTxPairX[i] = p.x();
            xTxPairT[i] = p.t();
        });
        xAgePairX = new int[xAge.size()];
        xAgePairT = new double[xAge.size()];
        xAge.forEach((p, i) -> {
            xAgePairX[i] = p.x();
            xAgePairT[i] = p.t();
        });
    }

    /** The table of these customers. */
    public static SummaryTable of(Collection<CustomerSummary> customers) {
        Builder b = builder();
        for (CustomerSummary c : customers) {
            b.add(c.frequency(), c.recency(), c.age());
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Throws unless some customer bought again: without repeat purchases no purchase model can be fitted. */
    void requireRepeatPurchases() {
        for (int v : xValues) {
            if (v > 0) {
                return;
            }
        }
        throw new IllegalArgumentException("no customer has a repeat purchase: the purchase rate and dropout cannot be"
                + " estimated");
    }

    /** Number of distinct (x, t_x, T) rows. */
    public int distinctRows() {
        return size;
    }

    /** Number of customers. */
    public long customers() {
        return (long) totalCount;
    }

    /** Collects rows one customer at a time, merging identical ones as they come. */
    public static final class Builder {
        private final Map<Row, long[]> rows = new HashMap<>();

        private Builder() {
        }

        /** Adds one customer. */
        public Builder add(int frequency, double recency, double age) {
            return add(frequency, recency, age, 1);
        }

        /** Adds {@code customers} customers with the same summary. */
        public Builder add(int frequency, double recency, double age, long customers) {
            if (frequency < 0 || !(recency >= 0) || !(age >= recency) || Double.isInfinite(age)
                    || (frequency == 0 && recency != 0) || customers < 1) {
                throw new IllegalArgumentException("invalid summary: x=" + frequency + ", t_x=" + recency + ", T="
                        + age + ", customers=" + customers);
            }
            rows.computeIfAbsent(new Row(frequency, recency + 0.0, age + 0.0), k -> new long[1])[0] += customers;
            return this;
        }

        public SummaryTable build() {
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("no customers to fit");
            }
            return new SummaryTable(rows);
        }
    }
}
