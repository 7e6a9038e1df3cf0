package org.lifecycle.contracts;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every Kafka topic of the suite, defined once. Each topic is keyed by the customer's identity key (the
 * {@code userId}, else the {@code anonymousId}) so that one customer's messages stay in order on one partition.
 */
public final class Topics {

    public static final String EVENTS = "lifecycle.events";
    public static final String TRANSITIONS = "lifecycle.transitions";
    public static final String MEMBERSHIPS = "lifecycle.memberships";
    public static final String DISPATCHES = "lifecycle.dispatches";
    public static final String DELETIONS = "lifecycle.deletions";
    public static final String PREDICTIONS = "lifecycle.predictions";

    /** The topics that carry the suite's records, without their dead-letter topics. */
    public static final List<String> MAIN = List.of(EVENTS, TRANSITIONS, MEMBERSHIPS, DISPATCHES, DELETIONS,
            PREDICTIONS);

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of a topic: where a record goes, with the failure reason in headers, when it cannot be applied. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /**
     * The topic whose records a topic carries: a dead-letter topic holds its main topic's records unchanged, so
     * readers of either share one record type and one schema.
     */
    public static String mainTopicOf(String topic) {
        return topic.endsWith(DEAD_LETTER_SUFFIX)
                ? topic.substring(0, topic.length() - DEAD_LETTER_SUFFIX.length())
                : topic;
    }

    /**
     * A topic's name as deployed: with an installation prefix in front (the {@code lifecycle.topic-prefix} setting,
     * empty by default), so one broker can hold several isolated installations, such as a test run beside a demo.
     */
    public static String prefixed(String prefix, String topic) {
        return prefix == null || prefix.isEmpty() ? topic : prefix + topic;
    }

    /** Every topic with its dead-letter topic. */
    public static List<String> all() {
        return MAIN.stream().flatMap(topic -> Stream.of(topic, deadLetter(topic))).toList();
    }
}
