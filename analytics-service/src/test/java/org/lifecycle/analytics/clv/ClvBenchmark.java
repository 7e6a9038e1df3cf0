package org.lifecycle.analytics.clv;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Prints how long the BG/NBD, Pareto/NBD and Gamma-Gamma fits take on the CDNOW sample (when the data folder is there)
 * and on a million synthetic customers, with the heap they need. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -pl analytics-service test-compile
 * java -cp analytics-service/target/classes:analytics-service/target/test-classes \
 *     org.lifecycle.analytics.clv.ClvBenchmark [customers=1000000] [seed=42]
 * </pre>
 */
public final class ClvBenchmark {

    private static final BgNbdModel TRUE_PURCHASES = new BgNbdModel(0.25, 4.0, 0.8, 2.5);
    private static final GammaGammaModel TRUE_SPEND = new GammaGammaModel(6, 4, 15);

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ClvBenchmark() {
    }

    /** The argument at {@code index}, written {@code name=value} or as the bare value. */
    private static long argument(String[] args, int index, String name, long fallback) {
        if (args.length <= index) {
            return fallback;
        }
        String value = args[index].startsWith(name + "=") ? args[index].substring(name.length() + 1) : args[index];
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ClvBenchmark: " + name + " must be a whole number, not '" + value
                    + "' (usage: ClvBenchmark [customers=1000000] [seed=42])");
        }
    }

    public static void main(String[] args) {
        int customers = (int) argument(args, 0, "customers", 1_000_000);
        long seed = argument(args, 1, "seed", 42);
        System.out.printf(Locale.ROOT, "JVM %s, %d processors, max heap %d MB%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        Optional<Path> sample = CdnowData.find(CdnowData.SAMPLE);
        if (sample.isPresent()) {
            List<CustomerSummary> cdnow = CustomerSummaries.of(CdnowData.sampleTransactions(sample.get()),
                    CdnowData.CALIBRATION);
            SummaryTable table = SummaryTable.of(cdnow);
            SpendTable spend = SpendTable.of(cdnow);
            System.out.printf(Locale.ROOT, "%nCDNOW sample: %d customers, %d distinct (x, t_x, T), %d repeat buyers%n",
                    table.customers(), table.distinctRows(), spend.customers());
            for (int warmup = 0; warmup < 3; warmup++) {
                BgNbdModel.fit(table);
                ParetoNbdModel.fit(table);
                GammaGammaModel.fit(spend);
            }
            report("BG/NBD", () -> BgNbdModel.fit(table));
            report("Pareto/NBD", () -> ParetoNbdModel.fit(table));
            report("Gamma-Gamma", () -> GammaGammaModel.fit(spend));
        } else {
            System.out.println("CDNOW sample: skipped, CDNOW_sample.txt is not in $LIFECYCLE_DATA_DIR nor"
                    + " ../shared/data");
        }

        System.out.printf(Locale.ROOT, "%nSynthetic: %,d customers (seed %d) from BG/NBD %s and Gamma-Gamma %s%n",
                customers, seed, TRUE_PURCHASES, TRUE_SPEND);
        long heapBefore = usedHeapAfterGc();
        resetPeaks();
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        SummaryTable.Builder purchases = SummaryTable.builder();
        SpendTable.Builder spend = SpendTable.builder();
        SyntheticCustomers.weekly(TRUE_PURCHASES, TRUE_SPEND).generate(customers, seed, (x, tx, age, zbar) -> {
            purchases.add(x, tx, age);
            if (x > 0) {
                spend.add(x, zbar);
            }
        });
        long generated = System.nanoTime();
        SummaryTable table = purchases.build();
        SpendTable spendTable = spend.build();
        long built = System.nanoTime();
        System.out.printf(Locale.ROOT, "generate and collect %.2f s, index %.2f s (cpu %.2f s together): %,d distinct"
                + " (x, t_x, T) rows, %,d repeat buyers in %,d distinct (x, zbar) rows%n", (generated - start) / 1e9,
                (built - generated) / 1e9, (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9, table.distinctRows(),
                spendTable.customers(), spendTable.distinctRows());
        report("BG/NBD", () -> BgNbdModel.fit(table));
        report("Pareto/NBD", () -> ParetoNbdModel.fit(table));
        report("Gamma-Gamma", () -> GammaGammaModel.fit(spendTable));
        long heapTables = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "heap: %d MB held by the two tables, %d MB peak during generation and fits%n",
                (heapTables - heapBefore) >> 20, peakHeap() >> 20);
    }

    private static void report(String name, Supplier<ModelFit<?>> fit) {
        long cpu = CPU.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        ModelFit<?> f = fit.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.printf(Locale.ROOT, "  %-12s %7.3f s (cpu %7.3f s) %3d iterations %4d evaluations %s LL %.2f  %s%n",
                name, seconds, cpuSeconds, f.iterations(), f.evaluations(),
                f.converged() ? "converged" : "NOT CONVERGED",
                f.logLikelihood(), f.model());
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
