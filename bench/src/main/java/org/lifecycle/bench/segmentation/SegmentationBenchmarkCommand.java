package org.lifecycle.bench.segmentation;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lifecycle.bench.CommandLine;
import org.lifecycle.bench.load.ProcessMemory;
import org.lifecycle.bench.replay.Replay;
import org.lifecycle.bench.replay.ReplayOptions;
import org.lifecycle.bench.retail.RetailCsv;
import org.lifecycle.bench.retail.ShopEvent;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code bench/segmentation}: starts the packaged segmentation-service on a database and topic prefix of its own and
 * measures the replay apply rate, event-to-transition latency at a steady rate, the lateness of time-driven changes,
 * the lifecycle map's response time over many profiles, and the service's memory. See bench/README.md.
 */
public final class SegmentationBenchmarkCommand {

    public static final String USAGE = """
            segmentation: measure a segmentation-service started from its packaged jar (own database and topics)
              --jar PATH                the service (default segmentation-service/target/quarkus-app/quarkus-run.jar)
              --java-opts "OPTS"        JVM options of the service (default "-Xmx512m -XX:+UseParallelGC")
              --pg HOST:PORT            PostgreSQL, user $PGUSER or postgres (default 127.0.0.1:5432)
              --bootstrap HOST:PORT     Kafka (default 127.0.0.1:9092)
              --file PATH | --generate N   replay data (default $LIFECYCLE_DATA_DIR/%s, shared/data, else generated)
              --limit N                 replay the first N events only
              --rate N                  events/s of the latency phase (default 2000)
              --duration S              measured seconds of the latency phase (default 30)
              --warmup S                unmeasured seconds before it (default 5)
              --late-profiles N         customers who turn at_risk during the run (default 500)
              --profiles N              profiles in the store for the map phase (default 1000000; 0 skips it)
              --map-requests N          timed lifecycle map requests (default 50)
              --keep                    keep the database and topics (their names are printed)"""
            .formatted(RetailCsv.FILE_NAME);

    private static final Set<String> VALUED = Set.of("--jar", "--java-opts", "--pg", "--bootstrap", "--file",
            "--generate", "--limit", "--rate", "--duration", "--warmup", "--late-profiles", "--profiles",
            "--map-requests");
    private static final Set<String> SWITCHES = Set.of("--keep");
    private static final String AT_RISK = "at_risk";
    private static final String[] STAGES = {"prospect", "new_customer", "active", "loyal", "at_risk", "lapsed"};
    private static final String[] GROUPS = {"champions", "loyalists", "recent_customers", "high_potential",
            "needs_nurturing", "at_risk", "cant_lose", "about_to_lose"};

    private final List<String[]> rows = new ArrayList<>();
    private long peakRssKb;
    private long produced;
    private ServiceUnderTest service;
    private KafkaProducer<String, String> producer;
    private BenchEvents events;
    private String run;

    private SegmentationBenchmarkCommand() {
    }

    public static void run(List<String> args) throws Exception {
        new SegmentationBenchmarkCommand().execute(CommandLine.parse(args, VALUED, SWITCHES));
    }

    private void execute(CommandLine cli) throws Exception {
        Path jar = Path.of(cli.value("--jar",
                CommandLine.repoPath("segmentation-service/target/quarkus-app/quarkus-run.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no service jar at " + jar
                    + " (./mvnw -pl segmentation-service package -DskipTests)");
        }
        ReplayOptions options = ReplayOptions.defaults(java.net.URI.create("http://unused"), "unused");
        if (cli.value("--generate").isPresent()) {
            options = options.withGenerated(cli.intValue("--generate", 0), ReplayOptions.DEFAULT_SEED);
        } else {
            Optional<Path> file = cli.value("--file").map(Path::of).or(RetailCsv::defaultFile);
            options = file.isPresent()
                    ? options.withFile(file.get())
                    : options.withGenerated(ReplayOptions.DEFAULT_GENERATED_CUSTOMERS, ReplayOptions.DEFAULT_SEED);
        }
        if (cli.value("--limit").isPresent()) {
            options = options.withLimit(cli.longValue("--limit", 0));
        }
        Replay.Plan plan = Replay.plan(options);
        run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        events = new BenchEvents("bench-segmentation-" + run);
        List<String> javaOpts = Arrays.asList(cli.value("--java-opts", "-Xmx512m -XX:+UseParallelGC").trim()
                .split("\\s+"));
        log("run %s: %s, %,d events; service %s %s", run, plan.sourceName(), plan.events().size(), jar,
                String.join(" ", javaOpts));
        System.out.printf("segmentation benchmark %s: %s (%,d events), service %s%n", run, plan.sourceName(),
                plan.events().size(), String.join(" ", javaOpts));
        try (ServiceUnderTest svc = new ServiceUnderTest(run, cli.value("--pg", "127.0.0.1:5432"),
                cli.value("--bootstrap", "127.0.0.1:9092"))) {
            service = svc;
            if (cli.flag("--keep")) {
                svc.keep();
            }
            svc.prepare();
            log("database %s, topic prefix %s, service log %s", svc.database, svc.prefix, svc.log);
            producer = new KafkaProducer<>(producerConfig(svc.bootstrap));
            try {
                replay(plan, jar, javaOpts);
                settle();
                int profiles = cli.intValue("--profiles", 1_000_000);
                if (profiles > 0) {
                    storeProfiles(profiles);
                }
                latency(cli.intValue("--rate", 2000), cli.intValue("--warmup", 5), cli.intValue("--duration", 30));
                settle();
                lateness(cli.intValue("--late-profiles", 500));
                if (profiles > 0) {
                    map(cli.intValue("--map-requests", 50));
                }
                memory();
            } finally {
                producer.close(Duration.ofSeconds(5));
                print();
            }
        }
    }

    // ---- phase 1: replay ----------------------------------------------------------------------------------------

    private void replay(Replay.Plan plan, Path jar, List<String> javaOpts) throws Exception {
        String topic = service.topic(Topics.EVENTS);
        Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (ShopEvent shopEvent : plan.events()) {
            CustomerEvent event = events.fromReplay(shopEvent, received);
            send(new ProducerRecord<>(topic, event.identityKey(), BenchEvents.encode(event)));
        }
        producer.flush();
        long total = plan.events().size();
        log("replay: %,d events on %s; starting the service", total, topic);
        service.start(jar, javaOpts);
        service.awaitReady(Duration.ofMinutes(4));
        long firstNanos = 0;
        long firstCount = 0;
        long firstCpu = 0;
        long firstDbCpu = 0;
        long lastLog = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (true) {
            long applied = applied();
            long now = System.nanoTime();
            sampleMemory();
            if (firstNanos == 0 && applied > 0) {
                firstNanos = now;
                firstCount = applied;
                firstCpu = service.cpuMillis();
                firstDbCpu = service.databaseCpuMillis();
            }
            if (applied >= total) {
                double rate = Stats.rate(firstCount, firstNanos, applied, now);
                row("replay events applied/s", "%,.0f".formatted(rate),
                        "%,d events, %.1f s from the first batch applied to the last".formatted(total,
                                (now - firstNanos) / 1e9));
                long cpu = service.cpuMillis() - firstCpu;
                row("service CPU ms per replayed event", "%.2f".formatted((double) cpu / (applied - firstCount)),
                        "%,d ms of service CPU over the same span".formatted(cpu));
                long dbCpu = service.databaseCpuMillis() - firstDbCpu;
                row("PostgreSQL CPU ms per replayed event", "%.2f".formatted((double) dbCpu / (applied - firstCount)),
                        "%,d ms of its backends' CPU for the service's database".formatted(dbCpu));
                break;
            }
            if (now > deadline) {
                throw new IllegalStateException("replay not applied after 60 minutes: " + applied + " of " + total);
            }
            if (now - lastLog > 5_000_000_000L) {
                log("replay: %,d of %,d applied", applied, total);
                lastLog = now;
            }
            Thread.sleep(250);
        }
        List<String> lines = service.logLines();
        long warnings = lines.stream().filter(Stats::isBlockedWarning).count();
        row("event-loop blocked warnings", Long.toString(warnings),
                "longest block %,d ms (Vert.x warns past 2,000 ms)".formatted(Stats.maxBlockedMillis(lines)));
    }

    /**
     * After the replay, time jumps from the data's 2011 to today for every profile: an event "now" on every partition
     * makes the stream live, and the sweeper then decides every profile's time-driven changes. Waits for that and for
     * the outbox to empty, so the next phases measure a quiet service.
     */
    private void settle() throws Exception {
        livePing("settle");
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long start = System.nanoTime();
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not settle in 10 minutes");
            }
            Thread.sleep(1000);
            long due = count("select count(*) from profile where next_change_at <= now()");
            long outbox = count("select count(*) from outbox");
            boolean applied = applied() >= produced;
            quiet = applied && due == 0 && outbox == 0 ? quiet + 1 : 0;
        }
        log("settled after %.1f s (every event applied, every profile brought to today, outbox empty)",
                (System.nanoTime() - start) / 1e9);
    }

    /** One order "now" on every partition of lifecycle.events, so every partition's event time is live. */
    private void livePing(String what) {
        String topic = service.topic(Topics.EVENTS);
        int partitions = producer.partitionsFor(topic).size();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int p = 0; p < partitions; p++) {
            String user = "bench-" + run + "-" + what + "-" + p;
            CustomerEvent event = events.order(user, what + "-" + run + "-" + p, now, now, 10);
            send(new ProducerRecord<>(topic, p, user, BenchEvents.encode(event)));
        }
        producer.flush();
    }

    // ---- phase 2: event-to-transition latency -------------------------------------------------------------------

    private void latency(int rate, int warmupSeconds, int durationSeconds) throws Exception {
        Map<String, Long> published = new ConcurrentHashMap<>();
        try (Tail tail = new Tail(service.bootstrap, List.of(service.topic(Topics.TRANSITIONS)), (record, json) -> {
            JsonNode cause = json.path("cause");
            if ("event".equals(cause.path("kind").asText()) && cause.hasNonNull("eventId")) {
                published.putIfAbsent(cause.get("eventId").asText(), record.timestamp());
            }
        })) {
            tail.start();
            String topic = service.topic(Topics.EVENTS);
            long warm = (long) rate * warmupSeconds;
            long total = warm + (long) rate * durationSeconds;
            String[] ids = new String[(int) (total - warm)];
            long[] sentAt = new long[ids.length];
            log("latency: %,d events/s for %d s (+%d s warm-up), one new customer's first order each", rate,
                    durationSeconds, warmupSeconds);
            double appliedBefore = service.metric("lifecycle_segmentation_events_applied_total");
            long cpuBefore = service.cpuMillis();
            long dbCpuBefore = service.databaseCpuMillis();
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = Stats.dueNanos(start, i, rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long wall = System.currentTimeMillis();
                Instant at = Instant.ofEpochMilli(wall);
                String messageId = "lat-" + run + "-" + i;
                CustomerEvent event = events.order("bench-" + run + "-lat-" + i, messageId, at, at, 25);
                if (i >= warm) {
                    ids[(int) (i - warm)] = event.id();
                    sentAt[(int) (i - warm)] = wall;
                }
                send(new ProducerRecord<>(topic, event.identityKey(), BenchEvents.encode(event)));
                if ((i & 1023) == 0) {
                    sampleMemory();
                }
            }
            producer.flush();
            double sentRate = Stats.rate(0, start, total, System.nanoTime());
            long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < waitUntil && !Arrays.stream(ids).allMatch(published::containsKey)) {
                Thread.sleep(250);
                sampleMemory();
            }
            // What a new customer's first order costs, announcements published included: from the first send to the
            // last transition seen (or the end of the wait).
            long cpu = service.cpuMillis() - cpuBefore;
            long dbCpu = service.databaseCpuMillis() - dbCpuBefore;
            long appliedDuring = (long) (service.metric("lifecycle_segmentation_events_applied_total")
                    - appliedBefore);
            long[] latencies = new long[ids.length];
            int matched = 0;
            for (int i = 0; i < ids.length; i++) {
                Long at = published.get(ids[i]);
                if (at != null) {
                    latencies[matched++] = at - sentAt[i];
                }
            }
            Stats.Summary s = Stats.summarize(Arrays.copyOf(latencies, matched));
            String note = "%,d of %,d transitions seen; sent at %,.0f events/s; %,d profiles stored".formatted(
                    matched, ids.length, sentRate, count("select count(*) from profile"));
            row("transition latency p50 ms @ " + rate + "/s", Long.toString(s.p50()), note);
            row("transition latency p99 ms @ " + rate + "/s", matched == ids.length
                    ? Long.toString(s.p99())
                    : "> 60000", "max %,d ms".formatted(s.max()));
            row("service CPU ms per new customer's event", "%.2f".formatted((double) cpu / Math.max(1, appliedDuring)),
                    "%,d ms of service CPU for %,d events applied, transitions published".formatted(cpu,
                            appliedDuring));
            row("PostgreSQL CPU ms per new customer's event",
                    "%.2f".formatted((double) dbCpu / Math.max(1, appliedDuring)),
                    "%,d ms of its backends' CPU over the same span".formatted(dbCpu));
        }
    }

    // ---- phase 3: lateness of time-driven changes ---------------------------------------------------------------

    private void lateness(int profiles) throws Exception {
        if (profiles <= 0) {
            return;
        }
        String topic = service.topic(Topics.EVENTS);
        // A probe customer who ordered once, long ago, tells when such a customer turns at_risk under the active model:
        // the sweeper takes the probe through every time-driven change since, each at its own moment.
        String probe = "bench-" + run + "-probe";
        Instant probeAt = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Long> probeChanges = new ConcurrentHashMap<>();
        long gapMillis;
        try (Tail probeTail = new Tail(service.bootstrap, List.of(service.topic(Topics.TRANSITIONS)),
                (record, json) -> {
                    if (probe.equals(record.key()) && "time".equals(json.path("cause").path("kind").asText())) {
                        probeChanges.putIfAbsent(json.path("toStage").asText(),
                                Instant.parse(json.path("occurredAt").asText()).toEpochMilli());
                    }
                })) {
            probeTail.start();
            CustomerEvent probeEvent = events.order(probe, "probe-" + run, probeAt, Instant.now(), 25);
            send(new ProducerRecord<>(topic, probe, BenchEvents.encode(probeEvent)));
            producer.flush();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!probeChanges.containsKey(AT_RISK) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        }
        Long atRisk = probeChanges.get(AT_RISK);
        if (atRisk == null) {
            row("time-driven lateness", "n/a", "a customer with one old order never turned " + AT_RISK
                    + " (time-driven changes seen: " + probeChanges.keySet() + ")");
            return;
        }
        gapMillis = atRisk - probeAt.toEpochMilli();
        long lead = 30_000;
        long spread = 30_000;
        Map<String, Long> lateness = new ConcurrentHashMap<>();
        String prefix = "bench-" + run + "-late-";
        try (Tail tail = new Tail(service.bootstrap,
                List.of(service.topic(Topics.TRANSITIONS)), (record, json) -> {
                    String key = record.key();
                    if (key == null || !key.startsWith(prefix)) {
                        return;
                    }
                    // The move to at_risk is time-driven: it happens at its due moment, its own occurredAt.
                    if (AT_RISK.equals(json.path("toStage").asText())
                            && "time".equals(json.path("cause").path("kind").asText())) {
                        long due = Instant.parse(json.path("occurredAt").asText()).toEpochMilli();
                        lateness.putIfAbsent(key, record.timestamp() - due);
                    }
                })) {
            tail.start();
            long now = System.currentTimeMillis();
            for (int i = 0; i < profiles; i++) {
                long eventTime = Stats.eventTimeForDue(now, gapMillis, lead, spread, i, profiles);
                String user = prefix + i;
                CustomerEvent event = events.order(user, "late-" + run + "-" + i, Instant.ofEpochMilli(eventTime),
                        Instant.now(), 25);
                send(new ProducerRecord<>(topic, user, BenchEvents.encode(event)));
            }
            producer.flush();
            livePing("late-ping");
            log("lateness: %,d customers who turn at_risk (%,.1f days after their only order) "
                    + "%d-%d s from now", profiles, gapMillis / 86_400_000.0, lead / 1000, (lead + spread) / 1000);
            long until = System.nanoTime() + Duration.ofMillis(lead + spread + 120_000).toNanos();
            while (lateness.size() < profiles && System.nanoTime() < until) {
                Thread.sleep(500);
                sampleMemory();
            }
            long[] values = lateness.values().stream().mapToLong(Long::longValue).toArray();
            Stats.Summary s = Stats.summarize(values);
            String note = "%,d of %,d turned at_risk; published on Kafka minus the due moment".formatted(
                    values.length, profiles);
            row("time-driven lateness p50 ms", Long.toString(s.p50()), note);
            row("time-driven lateness p99 ms", values.length == profiles ? Long.toString(s.p99()) : "> 120000",
                    "max %,d ms".formatted(s.max()));
        }
    }

    // ---- phase 4: the lifecycle map over many profiles -----------------------------------------------------------

    /**
     * Stores {@code profiles} more profiles before the latency phase, so that latency, lateness and the map are
     * measured on a store of that size.
     */
    private void storeProfiles(int profiles) throws Exception {
        long start = System.nanoTime();
        int chunk = 100_000;
        try (Connection c = service.connect(); Statement s = c.createStatement()) {
            for (int from = 1; from <= profiles; from += chunk) {
                int to = Math.min(profiles, from + chunk - 1);
                s.execute(mapInsert(from, to));
                log("map: %,d of %,d profiles inserted", to, profiles);
            }
        }
        log("map: %,d profiles in %.1f s; waiting for the counts to be folded", profiles,
                (System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (count("select count(*) from profile_count") > 500 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
    }

    private void map(int requests) throws Exception {
        long stored = count("select count(*) from profile");
        for (String query : List.of("", "?examples=5")) {
            for (int i = 0; i < 5; i++) {
                service.get("/api/lifecycle-map" + query);
            }
            long[] millis = new long[requests];
            long total = -1;
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = service.get("/api/lifecycle-map" + query);
                millis[i] = (System.nanoTime() - t0) / 1_000_000;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("lifecycle map answered " + response.statusCode() + ": "
                            + response.body());
                }
                total = LifecycleJson.mapper().readTree(response.body()).path("total").asLong();
            }
            Stats.Summary summary = Stats.summarize(millis);
            String name = "lifecycle map" + (query.isEmpty() ? "" : " " + query);
            row(name + " p50 ms", Long.toString(summary.p50()),
                    "%,d profiles stored, map total %,d, %d requests".formatted(stored, total, requests));
            row(name + " p99 ms", Long.toString(summary.p99()), "max %,d ms".formatted(summary.max()));
        }
    }

    /** Profiles {@code from..to}, spread over the stages and groups; no next change, so the sweeper leaves them. */
    static String mapInsert(int from, int to) {
        return """
                insert into profile (id, identity_key, user_id, state, stage, stage_since, rfm_group, model_version,
                    segments)
                select gen_random_uuid(), 'bench-map-' || i, 'bench-map-' || i, '{}'::jsonb,
                    (array['%s'])[1 + i %% %d], now() - make_interval(secs => i),
                    case when i %% %d = 0 then null else (array['%s'])[1 + i %% %d] end, 1, '{}'
                from generate_series(%d, %d) as i""".formatted(String.join("','", STAGES), STAGES.length,
                STAGES.length, String.join("','", GROUPS), GROUPS.length, from, to);
    }

    // ---- memory, output -------------------------------------------------------------------------------------------

    /** Sends a record to lifecycle.events, counting it, so {@link #settle} knows how many must be applied. */
    private void send(ProducerRecord<String, String> record) {
        produced++;
        producer.send(record);
    }

    private void sampleMemory() {
        service.memory().ifPresent(m -> peakRssKb = Math.max(peakRssKb, m.rssKb()));
    }

    private void memory() {
        Optional<ProcessMemory.Sample> now = service.memory();
        row("service RSS MB (peak sampled)", Long.toString(peakRssKb / 1024), "");
        now.ifPresent(m -> row("service RSS MB now / VmHWM", (m.rssKb() / 1024) + " / " + (m.peakKb() / 1024), ""));
    }

    private void row(String measure, String value, String note) {
        String[] r = {measure, value, loadAverage(), note};
        rows.add(r);
        log("%s: %s (load %s) %s", measure, value, r[2], note);
    }

    private void print() {
        System.out.printf("%-42s %12s   %-16s %s%n", "measure", "value", "load 1/5/15 min", "");
        for (String[] r : rows) {
            System.out.printf("%-42s %12s   %-16s %s%n", r[0], r[1], r[2], r[3]);
        }
    }

    static String loadAverage() {
        try {
            return Stats.loadAverage(Files.readString(Path.of("/proc/loadavg")));
        } catch (IOException | IllegalArgumentException e) {
            return "?";
        }
    }

    /** Events applied or dead-lettered so far. */
    private long applied() throws IOException, InterruptedException {
        return (long) service.metric("lifecycle_segmentation_events_applied_total")
                + (long) service.metric("lifecycle_segmentation_events_dead_lettered_total");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = service.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf("segmentation: " + format + "%n", args);
    }

    private static Properties producerConfig(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    /** Reads topics from their current end on a thread of its own, handing each record with its JSON value. */
    private static final class Tail implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final BiConsumer<ConsumerRecord<String, String>, JsonNode> handler;
        private final Thread thread;
        private volatile boolean running = true;

        Tail(String bootstrap, List<String> topics, BiConsumer<ConsumerRecord<String, String>, JsonNode> handler) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            this.consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            this.handler = handler;
            this.thread = Thread.ofPlatform().name("bench-tail").daemon().unstarted(this::loop);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        handler.accept(record, LifecycleJson.mapper().readTree(record.value()));
                    } catch (IOException | RuntimeException e) {
                        // not a record of interest
                    }
                }
            }
            consumer.close(Duration.ofSeconds(2));
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }
}
