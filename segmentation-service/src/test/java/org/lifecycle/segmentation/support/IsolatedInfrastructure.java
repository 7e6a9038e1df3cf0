package org.lifecycle.segmentation.support;

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
 * A database and a set of topics of its own for each test application: tests see only what they caused, and a
 * rerun starts clean, whatever an earlier run or another module left on the shared PostgreSQL and broker.
 */
public class IsolatedInfrastructure implements QuarkusTestResourceLifecycleManager {

    public static final int PARTITIONS = 3;

    private String database;

    static String pgHost() {
        return env("LIFECYCLE_PG_HOST", "127.0.0.1");
    }

    static String pgPort() {
        return env("LIFECYCLE_PG_PORT", "5432");
    }

    public static String bootstrap() {
        return env("LIFECYCLE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        database = "segtest_" + run;
        String prefix = "segtest-" + run + ".";
        execute("postgres", "create database " + database);
        createTopics(prefix);
        String host = pgHost() + ":" + pgPort();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + host + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + "/" + database,
                "lifecycle.topic-prefix", prefix,
                "lifecycle.consumer-group", "segmentation-" + run);
    }

    @Override
    public void stop() {
        if (database != null && System.getenv("LIFECYCLE_KEEP_TEST_DATABASES") == null) {
            execute("postgres", "drop database if exists " + database + " with (force)");
        }
    }

    private static void createTopics(String prefix) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : Topics.all()) {
                topics.add(new NewTopic(Topics.prefixed(prefix, topic), PARTITIONS, (short) 1));
            }
            admin.createTopics(topics).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Could not create the test topics", e);
        }
    }

    private static void execute(String db, String sql) {
        String url = "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + db;
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
