package org.lifecycle.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One service running as a real operating-system process: {@code java -jar <service>/target/quarkus-app/quarkus-run.jar}
 * with the JDK that runs the tests, in the production profile, configured only through environment variables as an
 * operator would configure it, its output in a log file under {@code target/}. It can be stopped gracefully
 * (SIGTERM), killed (SIGKILL, for crash tests) and started again on the same port, database and topics.
 */
public final class ServiceProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int TAIL_LINES = 60;
    /** Variables that configure services: the test's own environment must not leak into the service's. */
    private static final List<String> CONFIG_PREFIXES = List.of("QUARKUS_", "LIFECYCLE_", "KAFKA_", "SMALLRYE_",
            "MP_");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Processes still running when the test JVM exits (a crash, an interrupted build) are killed with it. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final Service service;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logDirectory;
    private Process process;
    private int starts;
    private Path log;
    private Instant startedAt;

    ServiceProcess(Service service, int port, Map<String, String> environment, List<String> jvmOptions,
            Path logDirectory) {
        this.service = service;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logDirectory = logDirectory;
    }

    public Service service() {
        return service;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The environment the service runs with (beyond the inherited non-configuration variables). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The log of the current (or last) run; each start writes a file of its own. */
    public Path log() {
        return log;
    }

    /** When the current run was launched, by the test's clock. */
    public Instant startedAt() {
        return startedAt;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() { return process != null && process.isAlive(); }

    /** Starts the service and waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess start() {
        launch();
        awaitReady(readyTimeout());
        return this;
    }

    /** Starts several services at once, so their start-ups overlap, and waits until every one is ready. */
    public static void startTogether(ServiceProcess... processes) {
        for (ServiceProcess process : processes) {
            process.launch();
        }
        for (ServiceProcess process : processes) {
            process.awaitReady(readyTimeout());
        }
    }

    /** Starts the process without waiting for readiness. */
    public void launch() {
        if (isAlive()) {
            throw new IllegalStateException(service.module() + " already runs (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(service.jar().toString());
        starts++;
        log = logDirectory.resolve(service.module() + (starts == 1 ? "" : "-" + starts) + ".log");
        try {
            Files.createDirectories(logDirectory);
            ProcessBuilder builder = new ProcessBuilder(command).directory(service.directory().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet()
                    .removeIf(name -> CONFIG_PREFIXES.stream().anyMatch(name.toUpperCase()::startsWith));
            builder.environment().putAll(environment);
            startedAt = Instant.now();
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + service.module() + ": " + command, e);
        }
        RUNNING.add(process);
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail if it exits or takes too long. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure(service.module() + " exited with code " + process.exitValue() + " during start-up");
            }
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(url().resolve("/q/health/ready")).timeout(Duration.ofSeconds(5))
                                .GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + service.module(), e);
            }
            sleep(POLL);
        }
        throw failure(service.module() + " was not ready within " + timeout.toSeconds() + " s; /q/health/ready: "
                + last);
    }

    /** Graceful stop: SIGTERM, then SIGKILL if it has not exited after the grace period. */
    public void stop() {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(STOP_GRACE)) {
            System.err.println(service.module() + " did not stop within " + STOP_GRACE.toSeconds()
                    + " s of SIGTERM: killing it");
            kill();
        }
        RUNNING.remove(process);
    }

    /** A crash: SIGKILL, no shutdown hooks, nothing flushed; returns once the process is gone. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!waitForExit(STOP_GRACE)) {
            throw new IllegalStateException(service.module() + " (pid " + process.pid() + ") survived SIGKILL");
        }
        RUNNING.remove(process);
    }

    /** Stops the service if it runs and starts it again: same port, same database, same topics. */
    public ServiceProcess restart() {
        stop();
        return start();
    }

    /** The last lines of the current run's log, JSON log records rendered as one readable line each. */
    public List<String> logTail(int lines) {
        if (log == null || !Files.isRegularFile(log)) {
            return List.of();
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream().map(ServiceProcess::readable)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + log + ": " + e + ")");
        }
    }

    /** The log's tail under a heading, for failure reports. */
    public String describeTail() {
        return "---- last lines of " + log + " ----\n" + String.join("\n", logTail(TAIL_LINES))
                + "\n---- end of " + service.module() + " log ----";
    }

    private IllegalStateException failure(String message) {
        String tail = describeTail();
        System.err.println(message + "\n" + tail);
        return new IllegalStateException(message + "\n" + tail);
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping " + service.module(), e);
        }
    }

    private static Duration readyTimeout() {
        return Duration.ofSeconds(Long.parseLong(Infrastructure.env("LIFECYCLE_READY_TIMEOUT", "240")));
    }

    /** Production logs are JSON: {@code timestamp level logger message} and the exception, if any, on one line. */
    private static String readable(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        try {
            JsonNode record = JSON.readTree(line);
            StringBuilder out = new StringBuilder().append(record.path("timestamp").asText()).append(' ')
                    .append(record.path("level").asText()).append(' ').append(record.path("loggerName").asText())
                    .append(": ").append(record.path("message").asText());
            JsonNode exception = record.path("exception");
            if (!exception.isMissingNode()) {
                out.append(" | ").append(exception.path("exceptionType").asText()).append(": ")
                        .append(exception.path("message").asText());
            }
            if (record.hasNonNull("stackTrace")) {
                out.append('\n').append(record.path("stackTrace").asText());
            }
            return out.toString();
        } catch (IOException e) {
            return line;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
