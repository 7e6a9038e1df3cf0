package org.lifecycle.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.lifecycle.contracts.Topics;

/**
 * One isolated installation of the suite on the shared PostgreSQL and Kafka broker, for one test class: a database
 * per service, every topic of {@link Topics} under a prefix of its own (6 partitions, 3 for the dead-letter topics,
 * as deploy/local/lifecycle creates them), a consumer group per service, an admin token, and the service processes
 * the test starts. Register it as {@code @RegisterExtension static final Installation suite = new Installation("…")}.
 * After the class the processes are stopped and the databases, topics and consumer groups dropped, unless
 * {@code LIFECYCLE_KEEP_TEST_DATABASES} is set; when a test fails, the tail of every service's log is printed.
 */
public final class Installation
        implements
            BeforeAllCallback,
            AfterAllCallback,
            TestWatcher,
            LifecycleMethodExecutionExceptionHandler {

    public static final int PARTITIONS = 6;
    public static final int DEAD_LETTER_PARTITIONS = 3;
    private static final String DEFAULT_JAVA_OPTIONS = "-Xmx512m -XX:+UseParallelGC";

    private final String run;
    private final Infrastructure.Endpoints endpoints;
    private final String adminToken = UUID.randomUUID().toString();
    private final Set<String> databases = new LinkedHashSet<>();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private boolean topicsCreated;

    /** @param name a short lower-case name for the test class (letters and digits), found in every resource's name */
    public Installation(String name) {
        this(name, Infrastructure.shared());
    }

    /**
     * An installation on a PostgreSQL server and a broker of the test's own (e.g. {@link OwnPostgres} and
     * {@link OwnKafka}, registered before this extension so that they run when it creates its databases and topics).
     */
    public Installation(String name, Infrastructure.Endpoints endpoints) {
        if (!name.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("name must be lower-case letters and digits, was " + name);
        }
        this.run = name + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        this.endpoints = endpoints;
    }

    /** The PostgreSQL server and broker this installation runs on. */
    public Infrastructure.Endpoints endpoints() {
        return endpoints;
    }

    /** Prefix of this installation's topic names (the services' {@code LIFECYCLE_TOPIC_PREFIX}). */
    public String topicPrefix() {
        return "systest-" + run.replace('_', '-') + ".";
    }

    /** A topic of {@link Topics} as this installation names it. */
    public String topic(String topic) {
        return Topics.prefixed(topicPrefix(), topic);
    }

    public String database(Service service) {
        return "systest_" + run + "_" + service.shortName();
    }

    public String consumerGroup(Service service) {
        return topicPrefix() + service.module();
    }

    /** The ingestion admin API's bearer token ({@code LIFECYCLE_ADMIN_TOKEN}). */
    public String adminToken() {
        return adminToken;
    }

    /** Where the services' logs go: {@code system-tests/target/services/<run>/}. */
    public Path logDirectory() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target").resolve("services")
                .resolve(run);
    }

    /** Starts a service with its base configuration and waits until it is ready. */
    public ServiceProcess start(Service service) {
        return start(service, Map.of());
    }

    /** Starts a service with extra environment variables (e.g. {@code LIFECYCLE_CLOCK_START}) and waits for it. */
    public ServiceProcess start(Service service, Map<String, String> settings) {
        return process(service, settings).start();
    }

    /**
     * A service process configured for this installation, not started yet: port, database (created now if it does
     * not exist), broker, topic prefix, consumer group, admin token, then {@code settings}. Several processes of one
     * service share its database and consumer group, as replicas do. A {@code QUARKUS_HTTP_PORT} in {@code settings}
     * (from {@link #freePort()}) fixes the port, for a service that must know its own address up front.
     */
    public ServiceProcess process(Service service, Map<String, String> settings) {
        ensureTopics();
        String database = database(service);
        if (databases.add(database)) {
            Infrastructure.createDatabase(endpoints, database);
        }
        String fixedPort = settings.get("QUARKUS_HTTP_PORT");
        int port = fixedPort == null ? freePort() : Integer.parseInt(fixedPort);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_PROFILE", "prod");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", endpoints.postgresUrl(database));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + endpoints.postgresUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", endpoints.pgUser());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrap());
        environment.put("LIFECYCLE_TOPIC_PREFIX", topicPrefix());
        environment.put("LIFECYCLE_CONSUMER_GROUP", consumerGroup(service));
        if (service == Service.INGESTION) {
            environment.put("LIFECYCLE_ADMIN_TOKEN", adminToken);
        }
        environment.putAll(settings);
        ServiceProcess process = new ServiceProcess(service, port, environment, javaOptions(), logDirectory());
        processes.add(process);
        return process;
    }

    /** Records of {@code topic} the service's consumer group has not committed yet (0: all applied). */
    public long consumerLag(Service service, String topic) {
        return Infrastructure.consumerLag(endpoints, consumerGroup(service), topic(topic));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureTopics();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RuntimeException failure = null;
        for (ServiceProcess process : processes) {
            try {
                process.stop();
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        if (System.getenv("LIFECYCLE_KEEP_TEST_DATABASES") != null) {
            System.err.println("LIFECYCLE_KEEP_TEST_DATABASES is set: kept databases " + databases
                    + ", topics " + topicPrefix() + "*, logs in " + logDirectory());
        } else {
            try {
                databases.forEach(database -> Infrastructure.dropDatabase(endpoints, database));
                if (topicsCreated) {
                    Infrastructure.deleteTopics(endpoints, topics().keySet());
                }
                Infrastructure.deleteConsumerGroups(endpoints, Arrays.stream(Service.values())
                        .map(this::consumerGroup).toList());
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        printLogTails();
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        printLogTails();
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        printLogTails();
        throw throwable;
    }

    private void printLogTails() {
        for (ServiceProcess process : processes) {
            if (process.log() != null) {
                System.err.println(process.describeTail());
            }
        }
    }

    private void ensureTopics() {
        if (!topicsCreated) {
            Infrastructure.createTopics(endpoints, topics());
            topicsCreated = true;
        }
    }

    private Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String main : Topics.MAIN) {
            topics.put(topic(main), PARTITIONS);
            topics.put(topic(Topics.deadLetter(main)), DEAD_LETTER_PARTITIONS);
        }
        return topics;
    }

    /** The services' JVM options: {@code LIFECYCLE_JAVA_OPTS}, else deploy/local/lifecycle's defaults. */
    private static List<String> javaOptions() {
        return List.of(Infrastructure.env("LIFECYCLE_JAVA_OPTS", DEFAULT_JAVA_OPTIONS).trim().split("\\s+"));
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static RuntimeException first(RuntimeException earlier, RuntimeException later) {
        if (earlier == null) {
            return later;
        }
        earlier.addSuppressed(later);
        return earlier;
    }
}
