package org.lifecycle.bench.replay;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.lifecycle.bench.http.Batch;
import org.lifecycle.bench.http.BatchSender;
import org.lifecycle.bench.retail.Invoice;
import org.lifecycle.bench.retail.RetailCsv;
import org.lifecycle.bench.retail.SegmentMapping;
import org.lifecycle.bench.retail.ShopEvent;
import org.lifecycle.bench.retail.ShopGenerator;

/**
 * Replays a shop's invoices (the Online Retail file or generated data) into the ingestion API as Segment messages.
 * Usable as a library: {@code Replay.run(ReplayOptions.defaults(url, key).withGenerated(200, 7))}.
 */
public final class Replay {

    /** The events of one replay, before sending: what the data gives, after the limit. */
    public record Plan(List<ShopEvent> events, long guestInvoicesSkipped, long trimmedEvents, String sourceName) {

        public long count(ShopEvent.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).count();
        }
    }

    private Replay() {
    }

    /** Reads or generates the invoices and maps them to messages; nothing is sent. */
    public static Plan plan(ReplayOptions options) {
        List<Invoice> invoices;
        String prefix;
        String name;
        if (options.file() != null) {
            invoices = RetailCsv.read(options.file());
            prefix = "retail";
            name = options.file().getFileName().toString();
        } else {
            invoices = new ShopGenerator(options.seed()).generate(options.generateCustomers());
            prefix = "gen" + options.seed() + "x" + options.generateCustomers();
            name = "generated shop (" + options.generateCustomers() + " customers, seed " + options.seed() + ")";
        }
        if (options.endsBy() != null) {
            invoices = shifted(invoices, options.endsBy());
        }
        SegmentMapping mapping = new SegmentMapping(prefix, Batch.MAX_EVENT_BYTES);
        List<ShopEvent> events = new ArrayList<>();
        long limit = options.limit() > 0 ? options.limit() : Long.MAX_VALUE;
        for (Invoice invoice : invoices) {
            if (events.size() >= limit) {
                break;
            }
            for (ShopEvent event : mapping.map(invoice)) {
                if (events.size() < limit) {
                    events.add(event);
                }
            }
        }
        return new Plan(events, mapping.guestInvoicesSkipped(), mapping.trimmedEvents(), name);
    }

    /** Plans and sends everything; throws {@link org.lifecycle.bench.http.IngestionException} on a 4xx or exhausted retries. */
    public static ReplaySummary run(ReplayOptions options) throws InterruptedException {
        return send(plan(options), options);
    }

    /** Sends a plan: {@code concurrency} lanes, each sending its customers' batches one after the other. */
    public static ReplaySummary send(Plan plan, ReplayOptions options) throws InterruptedException {
        int lanes = Math.max(1, options.concurrency());
        List<List<ShopEvent>> byLane = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            byLane.add(new ArrayList<>());
        }
        for (ShopEvent event : plan.events()) {
            byLane.get(Math.floorMod(event.userId().hashCode(), lanes)).add(event);
        }
        HttpClient client = BatchSender.defaultClient();
        BatchSender sender = new BatchSender(client, endpoint(options.url(), options.path()), options.writeKey(),
                options.gzip(), options.maxAttempts(), options.initialBackoff(), Duration.ofSeconds(60));
        AtomicLong[] sentByKind = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
        AtomicLong batches = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        long start = System.nanoTime();
        try (Progress progress = new Progress(plan.events().size(), options.progress(), System.err);
                ExecutorService pool = Executors.newFixedThreadPool(lanes,
                        Thread.ofPlatform().name("replay-", 0).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (List<ShopEvent> lane : byLane) {
                futures.add(pool.submit(() -> {
                    sendLane(lane, options.batchSize(), sender, progress, sentByKind, batches, retries, failed);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failed.set(true);
                    pool.shutdownNow();
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long identifies = sentByKind[ShopEvent.Kind.IDENTIFY.ordinal()].get();
        long orders = sentByKind[ShopEvent.Kind.ORDER.ordinal()].get();
        long refunds = sentByKind[ShopEvent.Kind.REFUND.ordinal()].get();
        return new ReplaySummary(identifies, orders, refunds, plan.guestInvoicesSkipped(),
                identifies + orders + refunds,
                batches.get(), retries.get(), plan.trimmedEvents(), elapsed);
    }

    private static void sendLane(List<ShopEvent> lane, int batchSize, BatchSender sender, Progress progress,
            AtomicLong[] sentByKind, AtomicLong batches, AtomicLong retries, AtomicBoolean failed)
            throws InterruptedException {
        List<byte[]> json = lane.stream().map(ShopEvent::json).toList();
        // No sentAt: the invoice times are the shop's records, and a skew correction from a sentAt stamped when the
        // bodies were built would shift every event by however long it waited in the lane.
        List<Batch> bodies = Batch.split(json, batchSize, Batch.MAX_BATCH_BYTES, null);
        int next = 0;
        for (Batch batch : bodies) {
            if (failed.get() || Thread.currentThread().isInterrupted()) {
                return;
            }
            BatchSender.Delivery delivery = sender.send(batch.body());
            retries.addAndGet(delivery.attempts() - 1L);
            batches.incrementAndGet();
            for (int i = next; i < next + batch.events(); i++) {
                sentByKind[lane.get(i).kind().ordinal()].incrementAndGet();
            }
            next += batch.events();
            progress.advance(batch.events());
        }
    }

    /** The invoices moved by whole weeks so that the last falls in the week before {@code endsBy}. */
    static List<Invoice> shifted(List<Invoice> invoices, Instant endsBy) {
        Instant last = invoices.stream().map(Invoice::issuedAt).max(Instant::compareTo).orElse(endsBy);
        long weeks = Math.floorDiv(Duration.between(last, endsBy).toDays(), 7);
        Duration by = Duration.ofDays(weeks * 7);
        return invoices.stream().map(invoice -> new Invoice(invoice.invoiceNo(), invoice.customerId(),
                invoice.country(), invoice.issuedAt().plus(by), invoice.lines())).toList();
    }

    static URI endpoint(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }
}
