package org.lifecycle.campaign.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
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
 * A database and a set of topics of its own for the test application, so tests see only what they caused; free ports
 * for the SMTP server and the providers' webhook receiver that tests start themselves; and signing keys made for this
 * run, which tests read back from the configuration to verify signatures.
 */
public class IsolatedInfrastructure implements QuarkusTestResourceLifecycleManager {

    public static final int PARTITIONS = 3;
    public static final String SMTP_PORT = "test.smtp.port";
    public static final String WEBHOOK_PORT = "test.webhook.port";

    private String database;

    public static String bootstrap() {
        return env("LIFECYCLE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        database = "camptest_" + run;
        String prefix = "camptest-" + run + ".";
        execute("create database " + database);
        createTopics(prefix);
        String host = env("LIFECYCLE_PG_HOST", "127.0.0.1") + ":" + env("LIFECYCLE_PG_PORT", "5432");
        int smtpPort = freePort();
        int webhookPort = freePort();
        String hooks = "http://127.0.0.1:" + webhookPort;
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://" + host + "/" + database);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + "/" + database);
        config.put("lifecycle.topic-prefix", prefix);
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(smtpPort));
        config.put(SMTP_PORT, Integer.toString(smtpPort));
        config.put(WEBHOOK_PORT, Integer.toString(webhookPort));
        config.put("lifecycle.delivery.sms.url", hooks + "/sms");
        config.put("lifecycle.delivery.push.url", hooks + "/push");
        config.put("lifecycle.delivery.webhook.url", hooks + "/hook");
        config.put("lifecycle.delivery.signing-key", secret());
        config.put("lifecycle.delivery.support-desk.url", hooks + "/desk");
        config.put("lifecycle.delivery.support-desk.signing-key", secret());
        config.put("lifecycle.survey.link-keys", secret());
        config.put("lifecycle.tracking.keys", secret());
        config.put("lifecycle.tracking.base-url", "https://t.shop.test");
        config.put("lifecycle.store.name", "Test Shop");
        config.put("lifecycle.store.url", "https://shop.test");
        return config;
    }

    @Override
    public void stop() {
        if (database != null && System.getenv("LIFECYCLE_KEEP_TEST_DATABASES") == null) {
            execute("drop database if exists " + database + " with (force)");
        }
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A port free now; the test that listens on it starts within seconds, long before it could be reused. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
