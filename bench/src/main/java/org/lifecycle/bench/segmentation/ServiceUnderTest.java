package org.lifecycle.bench.segmentation;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.lifecycle.bench.load.ProcessMemory;
import org.lifecycle.contracts.Topics;

/**
 * A segmentation-service started from its packaged jar for one benchmark run, on a database and a topic prefix of
 * its own (created here, dropped at the end), so the run sees only its own data and disturbs nothing else on the
 * shared PostgreSQL and broker.
 */
final class ServiceUnderTest implements AutoCloseable {

    static final int PARTITIONS = 6;

    final String run;
    final String database;
    final String prefix;
    final String pgHostPort;
    final String bootstrap;
    final Path log;
    final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private boolean keep;

    ServiceUnderTest(String run, String pgHostPort, String bootstrap) throws IOException {
        this.run = run;
        this.database = "bench_segmentation_" + run;
        this.prefix = "bench-seg-" + run + ".";
        this.pgHostPort = pgHostPort;
        this.bootstrap = bootstrap;
        this.log = Files.createTempFile("bench-segmentation-" + run + "-", ".log");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    String topic(String topic) {
        return Topics.prefixed(prefix, topic);
    }

    /** Creates the database and the topics ({@value #PARTITIONS} partitions each, like the local stack's). */
    void prepare() throws SQLException, InterruptedException, ExecutionException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : Topics.all()) {
                topics.add(new NewTopic(topic(topic), PARTITIONS, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    /** Starts {@code java [javaOptions] -jar jar} with the run's database, prefix and port; returns at once. */
    void start(Path jar, List<String> javaOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + pgHostPort + "/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + pgHostPort + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("PGUSER", "postgres"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("LIFECYCLE_TOPIC_PREFIX", prefix);
        env.put("LIFECYCLE_CONSUMER_GROUP", "bench-segmentation-" + run);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        process = builder.start();
    }

    /** Waits until the readiness check answers 200. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("segmentation-service exited with " + process.exitValue()
                        + "; its log: " + log);
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("segmentation-service not ready after " + timeout + "; its log: " + log);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A counter of the Prometheus endpoint, e.g. {@code lifecycle_segmentation_events_applied_total}; 0 if absent. */
    double metric(String name) throws IOException, InterruptedException {
        String body = get("/q/metrics").body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    Optional<ProcessMemory.Sample> memory() {
        return process == null ? Optional.empty() : ProcessMemory.of(process.pid()).flatMap(ProcessMemory::sample);
    }

    /**
     * CPU time the service has used so far (user + system), in milliseconds, assuming the usual 100 clock ticks per
     * second; -1 when it cannot be read.
     */
    long cpuMillis() {
        try {
            return Stats.cpuTicks(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"))) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time (user + system, milliseconds) of the PostgreSQL backends serving the run's database now, read from
     * {@code /proc} (PostgreSQL on this machine); -1 when it cannot be read. The service keeps its connections open,
     * so differences over a phase are the database's work for it.
     */
    long databaseCpuMillis() {
        long total = 0;
        try (Connection c = connect();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(
                        "select pid from pg_stat_activity where datname = current_database() "
                                + "and pid <> pg_backend_pid()")) {
            while (rs.next()) {
                try {
                    total += Stats.cpuTicks(Files.readString(Path.of("/proc", Integer.toString(rs.getInt(1)),
                            "stat"))) * 10;
                } catch (IOException e) {
                    // the backend ended meanwhile
                }
            }
            return total;
        } catch (SQLException | RuntimeException e) {
            return -1;
        }
    }

    Connection connect() throws SQLException {
        return connect(database);
    }

    private Connection connect(String db) throws SQLException {
        Properties props = new Properties();
        props.put("user", System.getenv().getOrDefault("PGUSER", "postgres"));
        return DriverManager.getConnection("jdbc:postgresql://" + pgHostPort + "/" + db, props);
    }

    List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    void keep() {
        keep = true;
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (keep) {
            return;
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            admin.deleteTopics(Topics.all().stream().map(this::topic).toList()).all().get(30, TimeUnit.SECONDS);
        }
    }
}
