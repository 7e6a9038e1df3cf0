package org.lifecycle.bench.replay;

import java.time.Duration;

/**
 * What a replay sent: events by type (identifies, orders = {@code Order Completed}, refunds =
 * {@code Order Refunded}), guest invoices skipped, requests, retries, order events whose product list was cut to fit
 * 32 KB, and how long it took.
 */
public record ReplaySummary(long identifies, long orders, long refunds, long guestInvoicesSkipped, long eventsSent,
        long batchesSent, long retries, long trimmedEvents, Duration elapsed) {

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? eventsSent / seconds : 0;
    }

    /** The one-line summary the CLI prints. */
    public String line() {
        return String.format(
                "replay: %,d events sent (%,d identify, %,d Order Completed, %,d Order Refunded) in %,d requests, "
                        + "%,d guest invoices skipped, %,d retries, %,d orders trimmed to 32 KB, %.1f s, %,.0f events/s",
                eventsSent, identifies, orders, refunds, batchesSent, guestInvoicesSkipped, retries, trimmedEvents,
                elapsed.toMillis() / 1000.0, eventsPerSecond());
    }
}
