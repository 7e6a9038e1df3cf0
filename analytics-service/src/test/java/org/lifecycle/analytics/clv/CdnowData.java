package org.lifecycle.analytics.clv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CDNOW files of the shared data folder: {@code $LIFECYCLE_DATA_DIR}, else the first {@code shared/data} next to
 * the working directory or one of its parents (so it works from the repository root and from a module alike). Tests
 * that need them are skipped with a message when the folder is absent; the files are never copied into the repository.
 */
final class CdnowData {

    static final String SAMPLE = "CDNOW_sample.txt";
    static final String SUMMARY = "cdnow_customers_summary.csv";
    static final String SUMMARY_WITH_SPEND = "cdnow_customers_summary_with_transactions.csv";
    static final String MASTER = "CDNOW_master.txt";

    /** The calibration period of the published results: customers' first purchases in Q1 1997, weeks, until 30 Sept. */
    static final CalibrationWindow CALIBRATION = CalibrationWindow.weeksUntil(LocalDate.of(1997, 9, 30));

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private CdnowData() {
    }

    /** The data file, or the test is skipped. */
    static Path require(String name) {
        Optional<Path> file = find(name);
        assumeTrue(file.isPresent(), "skipped: " + name + " is not in $LIFECYCLE_DATA_DIR nor ../shared/data"
                + " (it is on the project's machines and in CI)");
        return file.get();
    }

    static Optional<Path> find(String name) {
        String dir = System.getenv("LIFECYCLE_DATA_DIR");
        if (dir != null && !dir.isBlank()) {
            Path file = Path.of(dir).resolve(name);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        for (Path d = Path.of("").toAbsolutePath(); d.getParent() != null; d = d.getParent()) {
            Path file = d.getParent().resolve("shared").resolve("data").resolve(name);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The orders of the 1/10 sample: columns master id, sample id, yyyymmdd, CDs, dollars; customers by sample id. */
    static List<Transaction> sampleTransactions() {
        return sampleTransactions(require(SAMPLE));
    }

    /** The orders of the 1/10 sample in this file. */
    static List<Transaction> sampleTransactions(Path file) {
        List<Transaction> out = new ArrayList<>();
        for (String line : lines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 1 && f[0].isEmpty()) {
                continue;
            }
            out.add(new Transaction(Integer.toString(Integer.parseInt(f[1])), LocalDate.parse(f[2], DAY),
                    Double.parseDouble(f[4])));
        }
        return out;
    }

    /** The orders of all 23,570 customers: columns id, yyyymmdd, CDs, dollars, after one header line. */
    static List<Transaction> masterTransactions() {
        List<Transaction> out = new ArrayList<>();
        List<String> lines = lines(require(MASTER));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 1 && f[0].isEmpty()) {
                continue;
            }
            out.add(new Transaction(Integer.toString(Integer.parseInt(f[0])), LocalDate.parse(f[1], DAY),
                    Double.parseDouble(f[3])));
        }
        return out;
    }

    /** A published summary file: header, then id and numeric columns. */
    static List<String[]> csv(String name) {
        List<String> lines = lines(require(name));
        List<String[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                out.add(line.trim().split(","));
            }
        }
        return out;
    }

    /** The published summaries with spend ({@code ID,x,t_x,T,zbar}), as given (two decimals). */
    static List<CustomerSummary> publishedSummaries() {
        List<CustomerSummary> out = new ArrayList<>();
        for (String[] f : csv(SUMMARY_WITH_SPEND)) {
            out.add(new CustomerSummary(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
