package org.lifecycle.bench.campaign;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lifecycle.bench.CommandLine;
import org.lifecycle.bench.load.ProcessMemory;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Runs campaign-service (its built jar) against a database and topics of its own, a real SMTP server and a webhook
 * receiver on this machine, and measures: messages per second delivered by email and by webhook, end to end from the
 * trigger event on Kafka to the message arriving; journey steps per second when the waits of N enrolled customers
 * come due; and how late those waits fired. Prints the figures.
 */
public final class CampaignBenchmark {

    static final String USAGE = """
            bench/campaign --database NAME [--bootstrap 127.0.0.1:9092] [--messages 2000] [--enrolled 100000]
                           [--jar campaign-service/target/quarkus-app/quarkus-run.jar]""";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String bootstrap;
    private final String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final KafkaProducer<String, String> producer;
    private String base;

    private CampaignBenchmark(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(List.of(args), Set.of("--database", "--bootstrap", "--messages",
                "--enrolled", "--paced", "--jar"), Set.of());
        String database = line.value("--database").orElseThrow(() -> new IllegalArgumentException(USAGE));
        int messages = line.intValue("--messages", 2000);
        int enrolled = line.intValue("--enrolled", 100_000);
        int paced = line.intValue("--paced", 2000);
        Path jar = line.value("--jar").map(Path::of)
                .orElse(CommandLine.repoPath("campaign-service/target/quarkus-app/quarkus-run.jar"));
        new CampaignBenchmark(line.value("--bootstrap", "127.0.0.1:9092")).run(database, jar, messages, paced,
                enrolled);
    }

    private void run(String database, Path jar, int messages, int paced, int enrolled) throws Exception {
        createTopics();
        AtomicLong hooks = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hooks.incrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{}".getBytes());
            }
        });
        receiver.start();
        try (SmtpSink smtp = new SmtpSink()) {
            int port = freePort();
            base = "http://127.0.0.1:" + port;
            Process service = start(jar, database, port, smtp.port(), receiver.getAddress().getPort());
            try {
                awaitReady(service);
                System.out.printf("campaign-service up at %s (database %s, topics %s*)%n", base, database, prefix);
                String zone = zoneWhereItIs(12);
                double email = deliveryRun("bench_email", "email", "welcome_1_hello", messages, zone, smtp::received);
                post("/api/templates",
                        """
                                {"key": "bench_hook", "channel": "webhook",
                                 "payload": "{\\"customer\\": \\"{contact.customerKey}\\", \\"journey\\": \\"{journey.key}\\"}"}""");
                double webhook = deliveryRun("bench_hook", "webhook", "bench_hook", messages, zone, hooks::get);
                WaitRun waits = waitRun(paced);
                BurstRun burst = burstRun(database, enrolled);
                System.out.println();
                System.out.println("campaign-service benchmark (" + Runtime.getRuntime().availableProcessors()
                        + " cores)");
                System.out.printf("  email delivered to SMTP        %8.0f messages/s  (%d messages, trigger event to "
                        + "message received)%n", email, messages);
                System.out.printf("  webhook delivered              %8.0f messages/s  (%d messages)%n", webhook,
                        messages);
                System.out.printf("  trigger events applied         %8.0f events/s    (%d customers enrolled from "
                        + "Kafka, one journey)%n", waits.enrolPerSecond, paced);
                System.out.printf(
                        "  wait lateness, paced           mean %.2f s, max %.2f s  (those %d one-minute waits)%n",
                        waits.meanLateness, waits.maxLateness, paced);
                System.out.printf("  broadcast enrolment            %8.0f enrolments/s (%d segment members, first "
                        + "steps run)%n", burst.enrolPerSecond, enrolled);
                System.out.printf("  journey steps, waits firing    %8.0f steps/s     (%d waits due at the same "
                        + "moment)%n", burst.stepsPerSecond, enrolled);
                System.out.printf("  wait lateness, all due at once p50 %.2f s, p99 %.2f s, max %.2f s%n", burst.p50,
                        burst.p99, burst.max);
                ProcessMemory.of(service.pid()).flatMap(ProcessMemory::sample)
                        .ifPresent(m -> System.out.printf("  service RSS                    %8d MB now, %d MB peak "
                                + "(VmRSS, VmHWM)%n", m.rssKb() / 1024, m.peakKb() / 1024));
            } finally {
                service.destroy();
                service.waitFor();
            }
        } finally {
            receiver.stop(0);
            producer.close();
        }
    }

    /** Sends one message to each of {@code count} new customers; returns messages per second received. */
    private double deliveryRun(String key, String channel, String template, int count, String zone,
            LongSupplier received) throws Exception {
        post("/api/journeys", """
                {"key": "%s", "name": "%s", "trigger": {"type": "event", "event": "Bench %s"},
                 "steps": [{"id": "send", "type": "send", "channel": "%s", "template": "%s"}]}"""
                .formatted(key, key, key, channel, template));
        post("/api/journeys/" + key + "/activate", "");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String customer = key + "-" + i;
            customers.add(customer);
            ObjectNode traits = LifecycleJson.mapper().createObjectNode().put("email", customer + "@bench.test")
                    .put("timezone", zone);
            publish(CustomerEvent.builder(MessageType.IDENTIFY, "bench", UUID.randomUUID().toString())
                    .userId(customer).occurredAt(Instant.now()).receivedAt(Instant.now()).traits(traits).build());
        }
        producer.flush();
        long before = received.getAsLong();
        long start = System.nanoTime();
        for (String customer : customers) {
            publish(CustomerEvent.builder(MessageType.TRACK, "bench", UUID.randomUUID().toString()).userId(customer)
                    .event("Bench " + key).occurredAt(Instant.now()).receivedAt(Instant.now()).build());
        }
        producer.flush();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (received.getAsLong() - before < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(key + ": only " + (received.getAsLong() - before) + " of " + count
                        + " arrived");
            }
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d %s messages in %.1f s%n", key, count, channel, seconds);
        return count / seconds;
    }

    private record WaitRun(double enrolPerSecond, double stepsPerSecond, double meanLateness, double maxLateness) {
    }

    /** Enrolls {@code count} customers in a journey that waits one minute, then measures the waits firing. */
    private WaitRun waitRun(int count) throws Exception {
        post("/api/journeys", """
                {"key": "bench_wait", "name": "bench_wait", "trigger": {"type": "event", "event": "Bench Wait"},
                 "steps": [{"id": "pause", "type": "wait", "duration": "PT1M"}]}""");
        post("/api/journeys/bench_wait/activate", "");
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            publish(CustomerEvent.builder(MessageType.TRACK, "bench", UUID.randomUUID().toString())
                    .userId("wait-" + i).event("Bench Wait").occurredAt(Instant.now()).receivedAt(Instant.now())
                    .build());
        }
        producer.flush();
        long enrolledEnd = 0;
        long firstDone = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (true) {
            Map<String, Long> counts = waitCounts();
            long entered = counts.getOrDefault("enrolled", 0L);
            long done = counts.getOrDefault("done", 0L);
            if (enrolledEnd == 0 && entered >= count) {
                enrolledEnd = System.nanoTime();
            }
            if (firstDone == 0 && done > 0) {
                firstDone = System.nanoTime();
            }
            if (done >= count) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waits: " + entered + " enrolled, " + done + " done of " + count);
            }
            Thread.sleep(250);
        }
        long allDone = System.nanoTime();
        System.out.printf("bench_wait: %d enrolled in %.1f s, their waits fired within %.1f s%n", count,
                (enrolledEnd - start) / 1e9, (allDone - firstDone) / 1e9);
        Map<String, Double> lateness = lateness();
        double firing = Math.max((allDone - firstDone) / 1e9, 0.25);
        return new WaitRun(count / ((enrolledEnd - start) / 1e9), count / firing,
                lateness.get("sum") / Math.max(lateness.get("count"), 1), lateness.get("max"));
    }

    private record BurstRun(double enrolPerSecond, double stepsPerSecond, double p50, double p99, double max) {
    }

    /**
     * {@code count} contacts in a segment (written straight into the service's database, since only the journey
     * runtime is measured here) and a broadcast to it that enrolls them all, each waiting an hour. Once all are
     * enrolled, every wait is moved (in the database) to end at the same moment a few seconds ahead, and the benchmark
     * measures how long after that moment each timer fired (the enrollment's exit time, which the sweep's transaction
     * sets when it fires the timer and completes the journey) and the steps per second from the due moment to the last.
     */
    private BurstRun burstRun(String database, int count) throws Exception {
        psql(database, "insert into contact (customer_key, segments) select 'member-' || g, array['bench_members'] "
                + "from generate_series(1, " + count + ") g");
        Instant at = Instant.now().plusSeconds(3);
        post("/api/journeys", """
                {"key": "bench_burst", "name": "bench_burst",
                 "trigger": {"type": "broadcast", "segment": "bench_members", "at": "%s"},
                 "steps": [{"id": "pause", "type": "wait", "duration": "PT1H"}]}""".formatted(at));
        post("/api/journeys/bench_burst/activate", "");
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (counts("bench_burst").getOrDefault("enrolled", 0L) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("burst: " + counts("bench_burst") + " of " + count);
            }
            Thread.sleep(100);
        }
        long enrolledEnd = System.nanoTime();
        double enrolSeconds = (enrolledEnd - (at.toEpochMilli() * 1_000_000 + nanoOffset())) / 1e9;
        Instant due = Instant.now().plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        psql(database, "update enrollment set wake_at = '" + due + "', waiting = jsonb_set(waiting, '{until}', "
                + "to_jsonb('" + due + "'::text)) where journey_key = 'bench_burst' and status = 'waiting'");
        while (counts("bench_burst").getOrDefault("done", 0L) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("burst: " + counts("bench_burst") + " of " + count);
            }
            Thread.sleep(100);
        }
        String[] figures = psqlValue(database, """
                select percentile_cont(0.5) within group (order by s), percentile_cont(0.99) within group (order by s),
                    max(s)
                from (select extract(epoch from exited_at - '%s'::timestamptz) as s from enrollment
                      where journey_key = 'bench_burst') l""".formatted(due)).split("\\|");
        double p50 = Double.parseDouble(figures[0]);
        double p99 = Double.parseDouble(figures[1]);
        double max = Double.parseDouble(figures[2]);
        System.out.printf("bench_burst: %d enrolled by the broadcast in %.1f s, their waits, due at %s, fired within "
                + "%.1f s of it%n", count, enrolSeconds, due, max);
        return new BurstRun(count / enrolSeconds, count / Math.max(max, 0.1), p50, p99, max);
    }

    private static String psqlValue(String database, String sql) throws Exception {
        Process process = new ProcessBuilder("psql", "-h", env("LIFECYCLE_PG_HOST", "127.0.0.1"), "-p",
                env("LIFECYCLE_PG_PORT", "5432"), "-U", "postgres", "-d", database, "-tAqc", sql)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + sql);
        }
        return out;
    }

    /** What to add to an epoch time in nanoseconds to compare it with {@link System#nanoTime()}. */
    private static long nanoOffset() {
        return System.nanoTime() - Instant.now().toEpochMilli() * 1_000_000;
    }

    private static void psql(String database, String sql) throws Exception {
        Process process = new ProcessBuilder("psql", "-h", env("LIFECYCLE_PG_HOST", "127.0.0.1"), "-p",
                env("LIFECYCLE_PG_PORT", "5432"), "-U", "postgres", "-d", database, "-qc", sql).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private Map<String, Long> waitCounts() throws Exception {
        return counts("bench_wait");
    }

    private Map<String, Long> counts(String journey) throws Exception {
        JsonNode report = LifecycleJson.mapper().readTree(get("/api/journeys/" + journey + "/steps"));
        Map<String, Long> out = new HashMap<>();
        for (JsonNode version : report.path("versions")) {
            out.merge("enrolled", version.path("enrolled").asLong(), Long::sum);
            out.merge("done", version.path("outcomes").path("exit:completed").asLong(), Long::sum);
        }
        return out;
    }

    private Map<String, Double> lateness() throws Exception {
        Map<String, Double> out = new HashMap<>(Map.of("sum", 0.0, "count", 0.0, "max", 0.0));
        for (String metric : get("/q/metrics").lines().toList()) {
            if (metric.startsWith("lifecycle_campaign_timer_lateness_seconds_sum")) {
                out.put("sum", last(metric));
            } else if (metric.startsWith("lifecycle_campaign_timer_lateness_seconds_count")) {
                out.put("count", last(metric));
            } else if (metric.startsWith("lifecycle_campaign_timer_lateness_seconds_max")) {
                out.put("max", last(metric));
            }
        }
        return out;
    }

    private static double last(String metric) {
        return Double.parseDouble(metric.substring(metric.lastIndexOf(' ') + 1));
    }

    private void publish(CustomerEvent event) {
        producer.send(new ProducerRecord<>(prefix + Topics.EVENTS, event.identityKey(),
                LifecycleJson.mapper().valueToTree(event).toString()));
    }

    private void createTopics() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = Topics.all().stream().map(t -> new NewTopic(prefix + t, 3, (short) 1)).toList();
            admin.createTopics(topics).all().get();
        }
    }

    private Process start(Path jar, String database, int port, int smtpPort, int hookPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("LIFECYCLE_TOPIC_PREFIX", prefix);
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_MOCK", "false");
        env.put("LIFECYCLE_DELIVERY_WEBHOOK_URL", "http://127.0.0.1:" + hookPort + "/hook");
        env.put("LIFECYCLE_DELIVERY_SIGNING_KEY", secret());
        env.put("LIFECYCLE_TRACKING_KEYS", secret());
        env.put("LIFECYCLE_TRACKING_BASE_URL", "http://127.0.0.1:" + port);
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        builder.redirectErrorStream(true);
        builder.redirectOutput(Path.of(System.getProperty("java.io.tmpdir"), "campaign-bench-service.log").toFile());
        return builder.start();
    }

    private void awaitReady(Process service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("campaign-service exited; see " + System.getProperty("java.io.tmpdir")
                        + "/campaign-bench-service.log");
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("campaign-service not ready within 3 minutes");
    }

    private String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void post(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static String zoneWhereItIs(int hour) {
        int utcHour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        return ZoneOffset.ofHours(Math.floorMod(hour - utcHour + 11, 24) - 11).getId();
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
