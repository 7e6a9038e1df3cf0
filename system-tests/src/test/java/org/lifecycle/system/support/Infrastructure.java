package org.lifecycle.system.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The shared PostgreSQL and Kafka broker the suite's tests run against, found the way the other modules' tests find
 * them ({@code LIFECYCLE_PG_HOST}, {@code LIFECYCLE_PG_PORT}, {@code LIFECYCLE_PG_USER},
 * {@code LIFECYCLE_KAFKA_BOOTSTRAP}; the defaults are deploy/local/lifecycle's), and the few administrative acts the
 * harness needs on them.
 */
public final class Infrastructure {

    private static final long ADMIN_TIMEOUT_SECONDS = 60;

    /**
     * Where a PostgreSQL server and a Kafka broker answer: the shared ones ({@link #shared()}), or a test's own
     * ({@link OwnPostgres}, {@link OwnKafka}) that it may stop and start without disturbing anyone else.
     */
    public record Endpoints(String pgHost, String pgPort, String pgUser, String kafkaBootstrap) {

        /** {@code postgresql://host:port/database}, the reactive client's form; Flyway's is the same with {@code jdbc:}. */
        public String postgresUrl(String database) {
            return "postgresql://" + pgHost + ":" + pgPort + "/" + database;
        }
    }

    private Infrastructure() {
    }

    /** The shared PostgreSQL and broker, from the environment (deploy/local/lifecycle's defaults). */
    public static Endpoints shared() {
        return new Endpoints(pgHost(), pgPort(), pgUser(), kafkaBootstrap());
    }

    public static String pgHost() {
        return env("LIFECYCLE_PG_HOST", "127.0.0.1");
    }

    public static String pgPort() {
        return env("LIFECYCLE_PG_PORT", "5432");
    }

    public static String pgUser() {
        return env("LIFECYCLE_PG_USER", "postgres");
    }

    public static String kafkaBootstrap() {
        return env("LIFECYCLE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    /** {@code postgresql://host:port/database}, the reactive client's form; Flyway's is the same with {@code jdbc:}. */
    public static String postgresUrl(String database) {
        return shared().postgresUrl(database);
    }

    public static void createDatabase(String database) {
        createDatabase(shared(), database);
    }

    public static void createDatabase(Endpoints endpoints, String database) {
        executeOnPostgres(endpoints, "create database " + database);
    }

    /** Drops a database even while something is still connected to it (a service that was killed, a leaked pool). */
    public static void dropDatabase(String database) {
        dropDatabase(shared(), database);
    }

    public static void dropDatabase(Endpoints endpoints, String database) {
        executeOnPostgres(endpoints, "drop database if exists " + database + " with (force)");
    }

    private static void executeOnPostgres(Endpoints endpoints, String sql) {
        String url = "jdbc:" + endpoints.postgresUrl("postgres");
        try (Connection connection = DriverManager.getConnection(url, endpoints.pgUser(), "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + endpoints.pgHost() + ":" + endpoints.pgPort()
                    + " refused: " + sql + " (is it running? deploy/local/lifecycle infra starts it)", e);
        }
    }

    /** Creates topics, {@code name -> partitions}, with replication factor 1 (the local broker is a single node). */
    public static void createTopics(Map<String, Integer> partitionsByTopic) {
        createTopics(shared(), partitionsByTopic);
    }

    public static void createTopics(Endpoints endpoints, Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(entry -> new NewTopic(entry.getKey(), entry.getValue(), (short) 1)).toList();
        withAdmin(endpoints, admin -> await(endpoints, admin.createTopics(topics).all(),
                "create topics " + partitionsByTopic.keySet()));
    }

    public static void deleteTopics(Collection<String> topics) {
        deleteTopics(shared(), topics);
    }

    public static void deleteTopics(Endpoints endpoints, Collection<String> topics) {
        withAdmin(endpoints, admin -> await(endpoints, admin.deleteTopics(topics).all(), "delete topics " + topics));
    }

    public static void deleteConsumerGroups(Collection<String> groups) {
        deleteConsumerGroups(shared(), groups);
    }

    public static void deleteConsumerGroups(Endpoints endpoints, Collection<String> groups) {
        withAdmin(endpoints, admin -> {
            for (String group : groups) {
                try {
                    admin.deleteConsumerGroups(List.of(group)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // A group that never committed does not exist on the broker; nothing to delete.
                } catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("Could not delete consumer group " + group, e);
                }
            }
            return null;
        });
    }

    /**
     * How many records of {@code topic} the consumer group has not committed yet, over all partitions: zero once
     * the group's service has applied (and, committing after its database commit, durably recorded) every record
     * written so far.
     */
    public static long consumerLag(String group, String topic) {
        return consumerLag(shared(), group, topic);
    }

    public static long consumerLag(Endpoints endpoints, String group, String topic) {
        return withAdmin(endpoints, admin -> {
            List<TopicPartition> partitions = await(endpoints, admin.describeTopics(List.of(topic)).allTopicNames(),
                    "describe " + topic).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = await(endpoints, admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all(),
                    "end offsets of " + topic).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = await(endpoints,
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "offsets of group " + group);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                lag += ends.get(partition) - (offset == null ? 0 : offset.offset());
            }
            return lag;
        });
    }

    /**
     * Every topic's end offset summed over its partitions: how many records have ever been written to it (records are
     * never deleted during a test). Equal before and after an act, it proves the act published nothing.
     */
    public static Map<String, Long> endOffsets(Collection<String> topics) {
        return withAdmin(shared(), admin -> {
            Map<String, Long> ends = new java.util.TreeMap<>();
            var descriptions = await(shared(), admin.describeTopics(topics).allTopicNames(), "describe " + topics);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            descriptions.forEach((topic, description) -> description.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            await(shared(), admin.listOffsets(latest).all(), "end offsets of " + topics).forEach(
                    (partition, info) -> ends.merge(partition.topic(), info.offset(), Long::sum));
            topics.forEach(topic -> ends.putIfAbsent(topic, 0L));
            return ends;
        });
    }

    private static <T> T withAdmin(Endpoints endpoints, Function<Admin, T> action) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap());
        try (Admin admin = Admin.create(config)) {
            return action.apply(admin);
        }
    }

    private static <T> T await(Endpoints endpoints, KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + endpoints.kafkaBootstrap() + " could not " + what
                    + " (is it running? deploy/local/lifecycle infra starts it)", e);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
