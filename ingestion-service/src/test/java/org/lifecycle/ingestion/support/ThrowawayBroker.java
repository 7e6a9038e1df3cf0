package org.lifecycle.ingestion.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.lifecycle.contracts.Topics;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker of the test's own, run as a separate process from the broker jars the local stack resolved
 * ({@code LIFECYCLE_KAFKA_LIB}), so a test can stop it and start it again without touching the shared broker.
 */
public class ThrowawayBroker implements QuarkusTestResourceLifecycleManager {

    private static volatile ThrowawayBroker current;

    private Path home;
    private int port;
    private Process process;

    /** The broker of the running test profile. */
    public static ThrowawayBroker current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        String lib = System.getenv("LIFECYCLE_KAFKA_LIB");
        if (lib == null || !Files.isDirectory(Path.of(lib))) {
            throw new IllegalStateException("LIFECYCLE_KAFKA_LIB must name the folder of Kafka broker jars; "
                    + "run the tests through `deploy/local/lifecycle test`, which sets it");
        }
        try {
            home = Files.createTempDirectory("lifecycle-throwaway-broker");
            port = freePort();
            int controller = freePort();
            Files.writeString(home.resolve("server.properties"), String.join("\n",
                    "node.id=1",
                    "process.roles=broker,controller",
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                    "log.dirs=" + home.resolve("data"),
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false", ""));
            run(List.of("kafka.tools.StorageTool", "format", "--standalone", "-t", Uuid.randomUuid().toString(),
                    "-c", home.resolve("server.properties").toString()), "format.log").waitFor(60, TimeUnit.SECONDS);
            startProcess();
            try (Admin admin = admin()) {
                admin.createTopics(List.of(new NewTopic(Topics.EVENTS, 3, (short) 1),
                        new NewTopic(Topics.DELETIONS, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("Could not start the throwaway Kafka broker", e);
        }
        current = this;
        return Map.of("kafka.bootstrap.servers", bootstrap());
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker process (SIGTERM, then SIGKILL) and waits for it to be gone. */
    public void stopBroker() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the broker again on the same port and data, and waits until it serves. */
    public void startBroker() {
        try {
            startProcess();
        } catch (Exception e) {
            throw new IllegalStateException("Could not restart the throwaway Kafka broker", e);
        }
    }

    @Override
    public void stop() {
        stopBroker();
        current = null;
        if (home != null) {
            try (var files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void startProcess() throws Exception {
        process = run(List.of("kafka.Kafka", home.resolve("server.properties").toString()), "broker.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The throwaway broker did not start; see " + home, notYet);
                }
                Thread.onSpinWait();
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
    }

    private Process run(List<String> arguments, String logName) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-Dlog4j2.level=WARN", "-cp", System.getenv("LIFECYCLE_KAFKA_LIB") + "/*"));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve(logName).toFile()))
                .start();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
