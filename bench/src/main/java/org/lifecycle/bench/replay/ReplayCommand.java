package org.lifecycle.bench.replay;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lifecycle.bench.CommandLine;
import org.lifecycle.bench.http.BatchSender;
import org.lifecycle.bench.http.SourceAdmin;
import org.lifecycle.bench.retail.RetailCsv;

/** The {@code replay} command line. */
public final class ReplayCommand {

    public static final String USAGE = """
            replay: send the Online Retail invoices (or generated shop data) to the ingestion API
              --url URL                 ingestion-service base URL (default http://127.0.0.1:8081)
              --write-key KEY           write key of an existing source, or
              --admin-token-file PATH   admin token; creates a source named "online-retail" (default .lifecycle/admin-token)
              --file PATH               Online Retail CSV, plain or gzip (default $LIFECYCLE_DATA_DIR/%s if present)
              --generate N              generate N customers instead of reading a file
              --seed S                  generator seed (default 42)
              --batch-size N            events per request (default 100; cut further to stay under 500 KB)
              --concurrency N           requests in flight (default 4)
              --limit N                 send only the first N events
              --import                  post to /v1/import instead of /v1/batch
              --no-gzip                 send bodies uncompressed
              --progress MODE           auto, tty, lines or off (default auto)
              --ends-by now|INSTANT     move every invoice by whole weeks so the last falls in the week before
                                        (the shop's history as if it ended now; default: the data's own times)"""
            .formatted(RetailCsv.FILE_NAME);

    private static final Set<String> VALUED = Set.of("--url", "--write-key", "--admin-token-file", "--file",
            "--generate",
            "--seed", "--batch-size", "--concurrency", "--limit", "--progress", "--ends-by");
    private static final Set<String> SWITCHES = Set.of("--no-gzip", "--import", "--help");

    private ReplayCommand() {
    }

    public static void run(List<String> args) throws IOException, InterruptedException {
        CommandLine cli = CommandLine.parse(args, VALUED, SWITCHES);
        if (cli.flag("--help")) {
            System.out.println(USAGE);
            return;
        }
        URI url = URI.create(cli.value("--url", "http://127.0.0.1:8081"));
        ReplayOptions options = ReplayOptions.defaults(url, null)
                .withBatching(cli.intValue("--batch-size", 100), cli.intValue("--concurrency", 4))
                .withLimit(cli.longValue("--limit", 0)).withGzip(!cli.flag("--no-gzip"))
                .withPath(cli.flag("--import") ? "/v1/import" : "/v1/batch")
                .withProgress(progressMode(cli.value("--progress", "auto")))
                .withEndsBy(cli.value("--ends-by").map(ReplayCommand::instant).orElse(null));
        long seed = cli.longValue("--seed", ReplayOptions.DEFAULT_SEED);
        if (cli.value("--generate").isPresent()) {
            options = options.withGenerated(cli.intValue("--generate", 0), seed);
        } else {
            Optional<Path> file = cli.value("--file").map(Path::of).or(RetailCsv::defaultFile);
            if (file.isPresent()) {
                if (!Files.isRegularFile(file.get())) {
                    throw new IllegalArgumentException("no such file: " + file.get());
                }
                options = options.withFile(file.get());
            } else {
                options = options.withGenerated(ReplayOptions.DEFAULT_GENERATED_CUSTOMERS, seed);
                System.err.println("replay: " + RetailCsv.FILE_NAME + " not found (set LIFECYCLE_DATA_DIR or --file); "
                        + "using generated data");
            }
        }
        String writeKey = writeKey(cli, url);
        options = options.withWriteKey(writeKey);

        Replay.Plan plan = Replay.plan(options);
        System.err.printf("replay: %s -> %s%s, %,d events in batches of %d, %d in flight, gzip %s%n", plan.sourceName(),
                url, options.path(), plan.events().size(), options.batchSize(), options.concurrency(),
                options.gzip() ? "on" : "off");
        ReplaySummary summary = Replay.send(plan, options);
        System.out.println(summary.line());
    }

    private static String writeKey(CommandLine cli, URI url) throws IOException, InterruptedException {
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
        SourceAdmin admin = new SourceAdmin(BatchSender.defaultClient(), url, SourceAdmin.readToken(tokenFile));
        SourceAdmin.Source source = admin.create("online-retail");
        System.err.println("replay: created source " + source.name() + " (" + source.id() + ")");
        return source.writeKey();
    }

    /**
     * The wrapper script knows ({@code [ -t 2 ]}) and says so in {@code bench.tty}; without it, a console and a TERM
     * are the best guess Java 21 offers.
     */
    private static boolean stderrIsTerminal() {
        String tty = System.getProperty("bench.tty");
        if (tty != null) {
            return tty.equals("1");
        }
        return System.console() != null && System.getenv("TERM") != null;
    }

    static Instant instant(String value) {
        if ("now".equals(value)) {
            return Instant.now();
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ends-by is now or an ISO-8601 instant such as 2026-01-31T00:00:00Z,"
                    + " found " + value);
        }
    }

    static Progress.Mode progressMode(String value) {
        return switch (value) {
            case "auto" -> stderrIsTerminal() ? Progress.Mode.TERMINAL : Progress.Mode.LINES;
            case "tty" -> Progress.Mode.TERMINAL;
            case "lines" -> Progress.Mode.LINES;
            case "off" -> Progress.Mode.OFF;
            default -> throw new IllegalArgumentException("--progress is auto, tty, lines or off");
        };
    }
}
