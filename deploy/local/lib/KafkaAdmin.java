import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The broker probe and topic setup of deploy/local/lifecycle, run against the broker's own jars.
 *
 * <pre>
 * KafkaAdmin ready  BOOTSTRAP                   exit 0 when the broker answers a metadata request
 * KafkaAdmin topics BOOTSTRAP NAME:PARTITIONS…  creates the topics that are missing
 * KafkaAdmin lag    BOOTSTRAP GROUP TOPIC…       records of the topics the consumer group has not committed yet
 * KafkaAdmin delete BOOTSTRAP TOPIC…             deletes the topics that exist (bench/all's scratch topics)
 * </pre>
 */
public final class KafkaAdmin {

    private KafkaAdmin() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println(
                    "usage: KafkaAdmin ready|topics|lag|delete BOOTSTRAP [NAME:PARTITIONS ...|GROUP TOPIC ...|TOPIC ...]");
            System.exit(2);
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        // The readiness probe must answer fast; the lag may take longer on a machine busy applying the records.
        boolean patient = "lag".equals(args[0]);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, patient ? "15000" : "3000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, patient ? "30000" : "4000");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        try (Admin admin = Admin.create(config)) {
            switch (args[0]) {
                case "ready" -> ready(admin);
                case "topics" -> topics(admin, List.of(args).subList(2, args.length));
                case "lag" -> lag(admin, args[2], List.of(args).subList(3, args.length));
                case "delete" -> delete(admin, List.of(args).subList(2, args.length));
                default -> {
                    System.err.println("unknown command " + args[0]);
                    System.exit(2);
                }
            }
        } catch (ExecutionException e) {
            System.err.println(e.getCause());
            System.exit(1);
        }
    }

    private static void ready(Admin admin) throws Exception {
        String clusterId = admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        admin.listTopics().names().get(5, TimeUnit.SECONDS);
        System.out.println(clusterId);
    }

    private static void lag(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            for (var partition : description.partitions()) {
                ends.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        long lag = 0;
        for (var end : admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        System.out.println(lag);
    }

    private static void delete(Admin admin, List<String> topics) throws Exception {
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        List<String> present = topics.stream().filter(existing::contains).toList();
        if (!present.isEmpty()) {
            admin.deleteTopics(present).all().get(30, TimeUnit.SECONDS);
            present.forEach(topic -> System.out.println("deleted " + topic));
        }
    }

    private static void topics(Admin admin, List<String> specs) throws Exception {
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split(":");
            if (!existing.contains(parts[0])) {
                missing.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        var results = admin.createTopics(missing).values();
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get(15, TimeUnit.SECONDS);
                System.out.println("created " + entry.getKey());
            } catch (ExecutionException e) {
                // Another process may have created it between the listing and the request.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
