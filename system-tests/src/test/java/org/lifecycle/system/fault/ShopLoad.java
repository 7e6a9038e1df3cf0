package org.lifecycle.system.fault;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.lifecycle.system.support.JsonApi;
import org.lifecycle.system.support.Poll;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Steady load, as a shop's tracking client produces it: a thread posts Segment batches to ingestion-service's
 * {@code /v1/batch}, one after another, each carrying a few new customers (identify, their orders, and for every
 * third customer a {@code Signed Up} now). A batch not answered 200 (a refused connection while the service is down,
 * a 503 while the broker is) is sent again unchanged, with the same {@code messageId}s, as a real client retries,
 * until it is; only then does the next one go. Every batch answered 200 is recorded with what it carried: the input
 * the test recomputes the expected state from.
 */
final class ShopLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    /** An order as sent: its id, value and event time. */
    record Order(String orderId, BigDecimal value, Instant at) {
    }

    /**
     * One customer: who, when identified, the orders, and whether they sign up (the journey's trigger, which
     * expects exactly one message to their address).
     */
    record Customer(String userId, String firstName, Instant identifiedAt, List<Order> orders, boolean signsUp) {

        String email() {
            return userId + "@mail.example.com";
        }

        List<Instant> orderTimes() {
            return orders.stream().map(Order::at).toList();
        }

        BigDecimal revenue() {
            return orders.stream().map(Order::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private final JsonApi ingestion;
    private final String authorization;
    private final String run;
    private final Instant origin;
    private final String timeZone;
    private final int customersPerBatch;
    private final Duration pause;
    private final Thread thread;
    private final Map<String, Customer> acknowledgedCustomers = new ConcurrentHashMap<>();
    private final List<String> acknowledgedMessageIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger acknowledgedBatches = new AtomicInteger();
    private final AtomicLong attempts = new AtomicLong();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    /**
     * @param origin the instant order times are counted back from: every order is a whole number of days and 12
     *            hours before it, so no stage boundary (90 or 365 days after an order) falls within 12 hours of it
     */
    ShopLoad(URI ingestion, String writeKey, String run, Instant origin, String timeZone, int customersPerBatch,
            Duration pause) {
        this.ingestion = new JsonApi(ingestion);
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        this.run = run;
        this.origin = origin;
        this.timeZone = timeZone;
        this.customersPerBatch = customersPerBatch;
        this.pause = pause;
        this.thread = Thread.ofPlatform().name("shop-load").daemon().unstarted(this::sendUntilStopped);
    }

    void start() {
        thread.start();
    }

    /** Deterministic customers: the same index gives the same customer, orders spread over the last 400 days. */
    Customer customer(int index) {
        Random random = new Random(31L * index + 7);
        String userId = "f-" + run + "-" + String.format("%05d", index);
        int orderCount = random.nextInt(7);
        List<Integer> days = new ArrayList<>();
        while (days.size() < orderCount) {
            int day = random.nextInt(400);
            if (!days.contains(day)) {
                days.add(day);
            }
        }
        days.sort((a, b) -> Integer.compare(b, a));
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Instant at = origin.minus(Duration.ofDays(days.get(i))).minus(Duration.ofHours(12));
            BigDecimal value = BigDecimal.valueOf(500 + random.nextInt(20_000), 2);
            orders.add(new Order(userId + "-o" + i, value, at));
        }
        Instant identifiedAt = orders.isEmpty()
                ? origin.minus(Duration.ofDays(1 + random.nextInt(30)))
                : orders.getFirst().at().minus(Duration.ofHours(1));
        return new Customer(userId, "Customer" + index, identifiedAt, List.copyOf(orders), index % 3 == 0);
    }

    private void sendUntilStopped() {
        int next = 0;
        try {
            while (!stopping) {
                List<Customer> customers = new ArrayList<>();
                for (int i = 0; i < customersPerBatch; i++) {
                    customers.add(customer(next++));
                }
                Instant signedUpAt = Instant.now();
                List<String> messageIds = new ArrayList<>();
                ObjectNode body = batch(customers, signedUpAt, messageIds);
                sendUntilAcknowledged(body);
                customers.forEach(customer -> acknowledgedCustomers.put(customer.userId(), customer));
                acknowledgedMessageIds.addAll(messageIds);
                acknowledgedBatches.incrementAndGet();
                Thread.sleep(pause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fatal.add(e);
        } catch (RuntimeException | AssertionError e) {
            fatal.add(e);
        }
    }

    private ObjectNode batch(List<Customer> customers, Instant signedUpAt, List<String> messageIds) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode batch = body.putArray("batch");
        for (Customer customer : customers) {
            ObjectNode identify = message(batch, "identify", customer.userId() + "-identify", customer.userId(),
                    customer.identifiedAt(), messageIds);
            identify.putObject("traits").put("email", customer.email()).put("first_name", customer.firstName())
                    .put("email_consent", true).put("timezone", timeZone);
            for (Order order : customer.orders()) {
                ObjectNode track = message(batch, "track", order.orderId(), customer.userId(), order.at(),
                        messageIds);
                track.put("event", "Order Completed");
                ObjectNode properties = track.putObject("properties").put("order_id", order.orderId())
                        .put("revenue", order.value()).put("currency", "GBP");
                properties.putArray("products").addObject().put("product_id", "85123A")
                        .put("price", order.value()).put("quantity", 1);
            }
            if (customer.signsUp()) {
                message(batch, "track", customer.userId() + "-signup", customer.userId(), signedUpAt, messageIds)
                        .put("event", "Signed Up");
            }
        }
        return body;
    }

    private ObjectNode message(ArrayNode batch, String type, String messageId, String userId, Instant at,
            List<String> messageIds) {
        messageIds.add(messageId);
        return batch.addObject().put("type", type).put("messageId", messageId).put("userId", userId)
                .put("timestamp", at.toString());
    }

    /** Sends the batch until it is answered 200: unchanged, same messageIds, after a refusal or a lost connection. */
    private void sendUntilAcknowledged(ObjectNode body) throws InterruptedException {
        while (true) {
            attempts.incrementAndGet();
            String refusal;
            try {
                JsonApi.Response response = ingestion.post("/v1/batch", body,
                        Map.of("Authorization", authorization));
                if (response.status() == 200) {
                    return;
                }
                if (response.status() < 500 && response.status() != 429 && response.status() != 408) {
                    throw new AssertionError("ingestion-service refused a valid batch: " + response.status() + " "
                            + response.body());
                }
                refusal = "HTTP " + response.status();
            } catch (IllegalStateException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                refusal = "no answer (" + rootCause(e).getClass().getSimpleName() + ")";
            }
            refusals.computeIfAbsent(refusal, r -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(RETRY_PAUSE);
        }
    }

    /** Waits until {@code more} batches beyond those acknowledged now are acknowledged; fails on a fatal error. */
    void awaitMore(int more, Duration timeout) {
        int target = acknowledgedBatches.get() + more;
        Poll.until(target + " acknowledged batches (refusals so far: " + refusals + ")", timeout,
                Duration.ofMillis(200), () -> fatal.isEmpty() ? acknowledgedBatches.get() : -1,
                seen -> seen < 0 || seen >= target);
        failOnFatal();
    }

    /** Lets the batch in flight be acknowledged (retrying as long as it must), then stops sending. */
    void stop(Duration timeout) {
        stopping = true;
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (thread.isAlive()) {
            throw new AssertionError("the load's last batch was not acknowledged within " + timeout.toSeconds()
                    + " s; refusals: " + refusals);
        }
        failOnFatal();
    }

    private void failOnFatal() {
        if (!fatal.isEmpty()) {
            AssertionError error = new AssertionError("the load failed: " + fatal.getFirst(), fatal.getFirst());
            fatal.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    /** Every customer of an acknowledged batch, by user id. */
    Map<String, Customer> acknowledgedCustomers() {
        return new LinkedHashMap<>(acknowledgedCustomers);
    }

    List<String> acknowledgedMessageIds() {
        return List.copyOf(acknowledgedMessageIds);
    }

    int acknowledgedBatches() {
        return acknowledgedBatches.get();
    }

    long attempts() {
        return attempts.get();
    }

    /** Answers other than 200, by kind, with how many of each. */
    Map<String, Integer> refusals() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        refusals.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
