package org.lifecycle.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node KRaft Kafka broker of the test's own, run as a separate process from the broker jars
 * deploy/local/lifecycle resolves ({@code $LIFECYCLE_KAFKA_LIB}, else
 * {@code ${LIFECYCLE_CACHE:-~/.cache/lifecycle}/kafka-4.4.0/lib}), on free ports, with its log directory under
 * {@code system-tests/target/own-infrastructure/}: a test may stop and start it without touching the shared broker.
 * Configured as deploy/local/lifecycle configures the local broker (every replication factor and min ISR 1).
 * As a JUnit extension ({@code @RegisterExtension}) it starts before the class and is stopped and deleted after it
 * (kept when {@code LIFECYCLE_KEEP_TEST_DATABASES} is set).
 */
public final class OwnKafka implements BeforeAllCallback, AfterAllCallback {

    private static final String KAFKA_VERSION = "4.4.0";
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Brokers still running when the test JVM exits (a crash, an interrupted build) are killed with it. */
    private static final Map<Process, Boolean> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.keySet().forEach(Process::destroyForcibly)));
    }

    private final Path home;
    private final int port;
    private final int controllerPort;
    private Process process;
    private int starts;

    /** Picks the ports and the directory now, so that {@link #bootstrap()} is known before the broker runs. */
    public OwnKafka(String name) {
        this.home = OwnPostgres.workDirectory().resolve("kafka-" + name + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        this.port = Installation.freePort();
        int controller = Installation.freePort();
        while (controller == port) {
            controller = Installation.freePort();
        }
        this.controllerPort = controller;
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public Path home() {
        return home;
    }

    public boolean isRunning() { return process != null && process.isAlive(); }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        if (System.getenv("LIFECYCLE_KEEP_TEST_DATABASES") != null) {
            System.err.println("LIFECYCLE_KEEP_TEST_DATABASES is set: kept the broker's directory " + home);
        } else {
            OwnPostgres.deleteRecursively(home);
        }
    }

    /** Formats the storage on the first start, then starts the broker and waits until it answers. */
    public OwnKafka start() {
        if (isRunning()) {
            throw new IllegalStateException("the broker already runs (pid " + process.pid() + ")");
        }
        try {
            if (!Files.isDirectory(home.resolve("data"))) {
                Files.createDirectories(home);
                Files.writeString(home.resolve("server.properties"), configuration());
                Process format = launch(List.of("kafka.tools.StorageTool", "format", "--standalone", "-t",
                        Uuid.randomUuid().toString(), "-c", home.resolve("server.properties").toString()),
                        home.resolve("format.log"));
                if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    format.destroyForcibly();
                    throw new IllegalStateException("Formatting the broker's storage failed; see "
                            + home.resolve("format.log") + ":\n" + tail(home.resolve("format.log")));
                }
            }
            starts++;
            process = launch(List.of("kafka.Kafka", home.resolve("server.properties").toString()),
                    home.resolve("broker" + (starts == 1 ? "" : "-" + starts) + ".log"));
            RUNNING.put(process, Boolean.TRUE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the test's Kafka broker in " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting the broker's storage", e);
        }
        awaitReady();
        return this;
    }

    /** Graceful stop (SIGTERM: the broker closes its logs cleanly), SIGKILL after a minute; waits until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        try {
            process.destroy();
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("the test's broker did not stop within " + STOP_GRACE.toSeconds()
                        + " s of SIGTERM: killing it");
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the test's broker", e);
        }
        RUNNING.remove(process);
    }

    /** Stops the broker and starts it again on the same ports and log directory. */
    public OwnKafka restart() {
        stop();
        return start();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The test's broker exited with code " + process.exitValue()
                        + " during start-up; see " + home + ":\n" + tail(currentLog()));
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
                if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the test's broker", e);
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the test's broker", e);
            }
        }
        throw new IllegalStateException("The test's broker on " + bootstrap() + " was not ready within "
                + READY_TIMEOUT.toSeconds() + " s (last: " + last + "); see " + home + ":\n" + tail(currentLog()));
    }

    private Path currentLog() {
        return home.resolve("broker" + (starts <= 1 ? "" : "-" + starts) + ".log");
    }

    private String configuration() {
        return String.join("\n",
                "# Written by the system tests' OwnKafka: a single-node KRaft broker of one test class.",
                "node.id=1",
                "process.roles=broker,controller",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=6",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false", "");
    }

    private static Process launch(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Dlog4j2.level=INFO", "-cp", library() + "/*"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("KAFKA_"));
        Process started = builder.start();
        started.getOutputStream().close();
        return started;
    }

    /** The folder of broker jars; fails, saying how to get them, when it is missing. */
    static Path library() {
        String configured = System.getenv("LIFECYCLE_KAFKA_LIB");
        Path lib;
        if (configured != null && !configured.isBlank()) {
            lib = Path.of(configured);
        } else {
            String cache = System.getenv("LIFECYCLE_CACHE");
            Path base = cache == null || cache.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".cache", "lifecycle")
                    : Path.of(cache);
            lib = base.resolve("kafka-" + KAFKA_VERSION).resolve("lib");
        }
        if (!Files.isRegularFile(lib.resolve("kafka_2.13-" + KAFKA_VERSION + ".jar"))) {
            throw new IllegalStateException("The Kafka " + KAFKA_VERSION + " broker jars are not in " + lib
                    + " (kafka_2.13-" + KAFKA_VERSION + ".jar missing): run deploy/local/lifecycle infra once, which"
                    + " resolves them there, or ./mvnw -f deploy/local/kafka/pom.xml dependency:copy-dependencies"
                    + " -DincludeScope=runtime -DoutputDirectory=" + lib + ", or set LIFECYCLE_KAFKA_LIB");
        }
        return lib;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
