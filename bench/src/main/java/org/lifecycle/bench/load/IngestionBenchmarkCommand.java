package org.lifecycle.bench.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.lifecycle.bench.CommandLine;
import org.lifecycle.bench.http.BatchSender;
import org.lifecycle.bench.http.SourceAdmin;
import org.lifecycle.bench.replay.Replay;
import org.lifecycle.bench.replay.ReplayOptions;
import org.lifecycle.bench.retail.RetailCsv;
import org.lifecycle.bench.retail.ShopEvent;
import org.lifecycle.bench.web.WebTrafficGenerator;
import org.lifecycle.contracts.Topics;

/** The {@code ingestion} command: ingestion-service throughput and latency, then the raw Kafka producer's. */
public final class IngestionBenchmarkCommand {

    public static final String USAGE = """
            ingestion: load a running ingestion-service, then measure a raw Kafka producer on the same broker
              --url URL                 ingestion-service base URL (default http://127.0.0.1:8081)
              --write-key KEY           write key of an existing source, or
              --admin-token-file PATH   admin token; creates a source named "bench" (default .lifecycle/admin-token)
              --clients C               concurrent clients, one request in flight each (default 8)
              --duration D              measured seconds (default 30), after
              --warmup W                warm-up seconds, not counted (default 5)
              --batch-size N            events per request (default 100)
              --gzip                    gzip request bodies (default off)
              --workload retail|web     retail: Online Retail orders (~1.7 KB/event, default);
                                        web: generated browser page/track/identify traffic (~0.7 KB/event)
              --seed S                  seed of the generated data (default 42)
              --file PATH | --generate N  retail: where the orders come from (default: the Online Retail file if present)
              --pid PID                 ingestion-service pid for RSS (default .lifecycle/pids/ingestion-service.pid)
              --bootstrap HOST:PORT     Kafka for the raw producer run (default 127.0.0.1:9092)
              --topic-prefix P          the service's lifecycle.topic-prefix, to read its records back (default none)
              --skip-kafka              measure the ingestion-service only""";

    private static final Set<String> VALUED = Set.of("--url", "--write-key", "--admin-token-file", "--clients",
            "--duration", "--warmup", "--batch-size", "--file", "--generate", "--pid", "--bootstrap", "--workload",
            "--seed", "--topic-prefix");
    private static final Set<String> SWITCHES = Set.of("--gzip", "--skip-kafka", "--help");
    private static final int EVENT_POOL = 20_000;

    private IngestionBenchmarkCommand() {
    }

    public static void run(List<String> args) throws Exception {
        CommandLine cli = CommandLine.parse(args, VALUED, SWITCHES);
        if (cli.flag("--help")) {
            System.out.println(USAGE);
            return;
        }
        URI url = URI.create(cli.value("--url", "http://127.0.0.1:8081"));
        int clients = cli.intValue("--clients", 8);
        Duration duration = Duration.ofSeconds(cli.longValue("--duration", 30));
        Duration warmup = Duration.ofSeconds(cli.longValue("--warmup", 5));
        int batchSize = cli.intValue("--batch-size", 100);
        boolean gzip = cli.flag("--gzip");
        String bootstrap = cli.value("--bootstrap", "127.0.0.1:9092");
        String eventsTopic = Topics.prefixed(cli.value("--topic-prefix", ""), Topics.EVENTS);

        String workload = cli.value("--workload", "retail");
        long seed = cli.longValue("--seed", ReplayOptions.DEFAULT_SEED);
        List<byte[]> events;
        String sourceName;
        switch (workload) {
            case "retail" -> {
                ReplayOptions source = ReplayOptions.defaults(url, null).withLimit(EVENT_POOL);
                Optional<Path> file = cli.value("--file").map(Path::of).or(RetailCsv::defaultFile);
                if (cli.value("--generate").isPresent() || file.isEmpty()) {
                    source = source.withGenerated(
                            cli.intValue("--generate", ReplayOptions.DEFAULT_GENERATED_CUSTOMERS), seed);
                } else {
                    source = source.withFile(file.get());
                }
                Replay.Plan plan = Replay.plan(source);
                events = plan.events().stream().map(ShopEvent::json).toList();
                sourceName = plan.sourceName();
            }
            case "web" -> {
                if (cli.value("--file").isPresent() || cli.value("--generate").isPresent()) {
                    throw new IllegalArgumentException("--file and --generate are for --workload retail");
                }
                events = new WebTrafficGenerator(seed).generate(EVENT_POOL).stream()
                        .map(WebTrafficGenerator.WebEvent::json).toList();
                sourceName = "generated browser traffic, seed " + seed;
            }
            default -> throw new IllegalArgumentException("--workload must be retail or web, not " + workload);
        }
        String run = RequestTemplates.newRun();
        List<RequestTemplates.Template> templates = RequestTemplates.build(events, batchSize, run);
        double bytesPerEvent = templates.stream().mapToLong(t -> t.body().length).sum()
                / (double) templates.stream().mapToLong(RequestTemplates.Template::events).sum();
        String workloadLine = String.format("workload %s (%s): %,.0f B/event in requests of %d events", workload,
                sourceName, bytesPerEvent, batchSize);

        String writeKey = writeKey(cli, url);
        BatchSender sender = new BatchSender(BatchSender.defaultClient(), URI.create(url + "/v1/batch"), writeKey, gzip,
                1, Duration.ZERO, Duration.ofSeconds(30));
        ProcessMemory memory = cli.value("--pid").map(Long::parseLong)
                .or(() -> ProcessMemory.readPidFile(CommandLine.repoPath(".lifecycle/pids/ingestion-service.pid")))
                .flatMap(ProcessMemory::of).orElse(null);

        System.err.printf(
                "ingestion: %d clients x batches of %d events (%,.0f B/event, %s, gzip %s) for %ds after %ds warm-up%n",
                clients, batchSize, bytesPerEvent, sourceName, gzip ? "on" : "off", duration.toSeconds(),
                warmup.toSeconds());
        // Where lifecycle.events ends before this run: the raw phase reads back this run's records only.
        Map<TopicPartition, Long> before = cli.flag("--skip-kafka")
                ? Map.of()
                : RawProducerLoad.endOffsets(bootstrap, eventsTopic);
        IngestionLoad.Result load = IngestionLoad.run(sender, templates, clients, warmup, duration, memory);
        System.err.printf("ingestion: %d connections opened for %d clients%s%n", load.connections(), clients,
                load.firstError() == null ? "" : "; first I/O error: " + load.firstError());

        RawProducerLoad.Result raw = null;
        if (!cli.flag("--skip-kafka")) {
            System.err.printf("ingestion: raw producer on %s, topic %s (%d partitions), %ds after %ds warm-up%n",
                    bootstrap, RawProducerLoad.TOPIC, RawProducerLoad.PARTITIONS, duration.toSeconds(),
                    warmup.toSeconds());
            RawProducerLoad.Payloads payloads = RawProducerLoad.payloads(bootstrap, eventsTopic, before,
                    RequestTemplates.messageIdPrefix(run), events);
            raw = RawProducerLoad.run(bootstrap, payloads, warmup, duration);
        }
        System.out.println(table(workloadLine, load, raw, memory));
    }

    static String table(String workloadLine, IngestionLoad.Result load, RawProducerLoad.Result raw,
            ProcessMemory memory) {
        StringBuilder out = new StringBuilder();
        out.append(workloadLine).append(System.lineSeparator());
        var l = load.latencies();
        out.append(String.format("%-34s %12s%n", "measure", "value"));
        out.append(String.format("%-34s %,12.0f%n", "ingestion events/s (200 only)", load.eventsPerSecond()));
        out.append(String.format("%-34s %,12d%n", "ingestion requests 200", load.okRequests()));
        out.append(String.format("%-34s %12s%n", "ingestion non-200 / I/O errors",
                (load.otherStatuses().isEmpty() ? "0" : load.otherStatuses().toString()) + " / " + load.errors()));
        out.append(String.format("%-34s %12.1f%n", "request latency p50 ms", l.p50()));
        out.append(String.format("%-34s %12.1f%n", "request latency p90 ms", l.p90()));
        out.append(String.format("%-34s %12.1f%n", "request latency p99 ms", l.p99()));
        out.append(String.format("%-34s %12.1f%n", "request latency max ms", l.max()));
        out.append(String.format("%-34s %12s%n", "load generator CPU (cores)", cores(load.cpuCores())));
        if (memory != null && load.peakRssKb() > 0) {
            out.append(String.format("%-34s %12.0f%n", "ingestion RSS MB (peak sampled)", load.peakRssKb() / 1024.0));
            out.append(String.format("%-34s %12.0f%n", "ingestion VmHWM MB", load.hwmKb() / 1024.0));
            out.append(String.format("%-34s %12s%n", "ingestion service CPU (cores)", cores(load.serviceCpuCores())));
            out.append(String.format("%-34s %12s%n", "ingestion service CPU us/event",
                    load.serviceCpuMicrosPerEvent() < 0
                            ? "n/a"
                            : String.format("%.2f",
                                    load.serviceCpuMicrosPerEvent())));
        } else {
            out.append(String.format("%-34s %12s%n", "ingestion RSS MB", "n/a (no pid)"));
        }
        if (raw != null) {
            out.append(String.format("%-34s %,12.0f%n", "raw producer records/s", raw.recordsPerSecond()));
            out.append(String.format("%-34s %,12.0f   (%s)%n", "raw record size B",
                    raw.payloads().averageValueBytes(), raw.payloads().origin()));
            out.append(String.format("%-34s %12s%n", "raw producer CPU (cores)", cores(raw.cpuCores())));
            out.append(String.format("%-34s %12.2f%n", "ratio ingestion / raw",
                    raw.recordsPerSecond() > 0 ? load.eventsPerSecond() / raw.recordsPerSecond() : 0));
        }
        return out.toString();
    }

    private static String cores(double cores) {
        return cores < 0 ? "n/a" : String.format("%.2f", cores);
    }

    private static String writeKey(CommandLine cli, URI url) throws Exception {
        Optional<String> key = cli.value("--write-key");
        if (key.isPresent()) {
            return key.get();
        }
        Path tokenFile = cli.value("--admin-token-file").map(Path::of)
                .orElse(CommandLine.repoPath(".lifecycle/admin-token"));
        if (!Files.isRegularFile(tokenFile)) {
            throw new IllegalArgumentException(
                    "give --write-key, or --admin-token-file (no " + tokenFile.toAbsolutePath() + ")");
        }
        return new SourceAdmin(BatchSender.defaultClient(), url, SourceAdmin.readToken(tokenFile)).create("bench")
                .writeKey();
    }
}
