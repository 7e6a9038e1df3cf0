package org.lifecycle.analytics.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.lifecycle.contracts.Topics;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A database and a set of topics of its own for the test application, so tests see only what they caused and several
 * test runs can share one broker and one PostgreSQL.
 */
public class IsolatedInfrastructure implements QuarkusTestResourceLifecycleManager {

    public static final int PARTITIONS = 3;

    private static volatile String prefix;
    private String database;

    public static String bootstrap() {
        return env("LIFECYCLE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    /** This run's topic prefix. */
    public static String prefix() {
        return prefix;
    }

    /** This run's name of a topic. */
    public static String topic(String topic) {
        return Topics.prefixed(prefix, topic);
    }

    public static String consumerGroup() {
        return "analytics-service";
    }

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        database = "analytest_" + run;
        prefix = "analytest-" + run + ".";
        execute("create database " + database);
        createTopics(prefix);
        String host = env("LIFECYCLE_PG_HOST", "127.0.0.1") + ":" + env("LIFECYCLE_PG_PORT", "5432");
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + host + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + "/" + database,
                "lifecycle.topic-prefix", prefix,
                "lifecycle.consumer-group", consumerGroup());
    }

    @Override
    public void stop() {
        if (database != null && System.getenv("LIFECYCLE_KEEP_TEST_DATABASES") == null) {
            execute("drop database if exists " + database + " with (force)");
        }
        if (prefix != null) {
            deleteTopics(prefix);
        }
    }

    private static void createTopics(String prefix) {
        try (Admin admin = Admin.create(adminConfig())) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : Topics.all()) {
                topics.add(new NewTopic(Topics.prefixed(prefix, topic), PARTITIONS, (short) 1));
            }
            admin.createTopics(topics).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Could not create the test topics", e);
        }
    }

    private static void deleteTopics(String prefix) {
        try (Admin admin = Admin.create(adminConfig())) {
            admin.deleteTopics(Topics.all().stream().map(t -> Topics.prefixed(prefix, t)).toList()).all().get();
        } catch (InterruptedException | ExecutionException e) {
            // Left behind on a broker that refuses; their names are unique to this run.
        }
    }

    private static Properties adminConfig() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return config;
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + env("LIFECYCLE_PG_HOST", "127.0.0.1") + ":"
                + env("LIFECYCLE_PG_PORT", "5432") + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
