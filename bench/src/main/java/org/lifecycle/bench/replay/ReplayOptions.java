package org.lifecycle.bench.replay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What to replay and how.
 *
 * @param url base URL of the ingestion-service, e.g. {@code http://127.0.0.1:8081}
 * @param writeKey the source's write key, sent as HTTP Basic user
 * @param file the Online Retail CSV (plain or gzip); null to use the generator
 * @param generateCustomers how many customers the generator makes when {@code file} is null
 * @param seed the generator's seed
 * @param path the endpoint, {@code /v1/batch} or {@code /v1/import}
 * @param batchSize events per request (bodies are cut further to stay under 500 KB)
 * @param concurrency requests in flight; each lane carries a fixed share of the customers so that one customer's
 *        messages are sent in order
 * @param limit stop after this many events; 0 for all
 * @param gzip compress request bodies
 * @param maxAttempts attempts per request before giving up on 503, 5xx and I/O errors
 * @param initialBackoff first retry delay, doubled on each retry (capped at 15 s)
 * @param progress how to show progress on stderr
 * @param endsBy when set, the invoices move by whole weeks so that the last falls in the week before it
 */
public record ReplayOptions(URI url, String writeKey, Path file, int generateCustomers, long seed, String path,
        int batchSize, int concurrency, long limit, boolean gzip, int maxAttempts, Duration initialBackoff,
        Progress.Mode progress, Instant endsBy) {

    public static final int DEFAULT_GENERATED_CUSTOMERS = 4000;
    public static final long DEFAULT_SEED = 42;

    /** The real file if {@code LIFECYCLE_DATA_DIR} (or ../shared/data) holds it, else the generator; CLI defaults. */
    public static ReplayOptions defaults(URI url, String writeKey) {
        return new ReplayOptions(url, writeKey, null, DEFAULT_GENERATED_CUSTOMERS, DEFAULT_SEED, "/v1/batch", 100, 4,
                0, true, 10, Duration.ofMillis(250), Progress.Mode.OFF, null);
    }

    public ReplayOptions withWriteKey(String writeKey) {
        return new ReplayOptions(url, writeKey, file, generateCustomers, seed, path, batchSize, concurrency, limit,
                gzip,
                maxAttempts, initialBackoff, progress, endsBy);
    }

    public ReplayOptions withFile(Path file) {
        return new ReplayOptions(url, writeKey, file, generateCustomers, seed, path, batchSize, concurrency, limit,
                gzip,
                maxAttempts, initialBackoff, progress, endsBy);
    }

    /** Generated data of {@code customers} customers, whatever {@code file} said. */
    public ReplayOptions withGenerated(int customers, long seed) {
        return new ReplayOptions(url, writeKey, null, customers, seed, path, batchSize, concurrency, limit, gzip,
                maxAttempts, initialBackoff, progress, endsBy);
    }

    public ReplayOptions withPath(String path) {
        return new ReplayOptions(url, writeKey, file, generateCustomers, seed, path, batchSize, concurrency, limit,
                gzip,
                maxAttempts, initialBackoff, progress, endsBy);
    }

    public ReplayOptions withBatching(int batchSize, int concurrency) {
        return new ReplayOptions(url, writeKey, file, generateCustomers, seed, path, batchSize, concurrency, limit,
                gzip,
                maxAttempts, initialBackoff, progress, endsBy);
    }

    public ReplayOptions withLimit(long limit) {
        return new ReplayOptions(url, writeKey, file, generateCustomers, seed, path, batchSize, concurrency, limit,
                gzip,
                maxAttempts, initialBackoff, progress, endsBy);
    }

    public ReplayOptions withGzip(boolean gzip) {
        return new ReplayOptions(url, writeKey, file, generateCustomers, seed, path, batchSize, concurrency, limit,
                gzip,
                maxAttempts, initialBackoff, progress, endsBy);
    }

    public ReplayOptions withRetries(int maxAttempts, Duration initialBackoff) {
        return new ReplayOptions(url, writeKey, file, generateCustomers, seed, path, batchSize, concurrency, limit,
                gzip,
                maxAttempts, initialBackoff, progress, endsBy);
    }

    public ReplayOptions withProgress(Progress.Mode progress) {
        return new ReplayOptions(url, writeKey, file, generateCustomers, seed, path, batchSize, concurrency, limit,
                gzip,
                maxAttempts, initialBackoff, progress, endsBy);
    }

    /**
     * Moves every invoice by the same whole number of weeks (weekdays and times of day stay) so that the last one
     * falls in the week before {@code endsBy}: the shop's history as if it ended now. Null keeps the data's times.
     */
    public ReplayOptions withEndsBy(Instant endsBy) {
        return new ReplayOptions(url, writeKey, file, generateCustomers, seed, path, batchSize, concurrency, limit,
                gzip, maxAttempts, initialBackoff, progress, endsBy);
    }
}
