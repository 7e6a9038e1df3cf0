package org.lifecycle.contracts;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of {@code lifecycle.events} a consumer in another language relies on, as the schema states them. */
class CustomerEventSchemaTest {

    private final TopicSchema schema = TopicSchema.of(Topics.EVENTS);

    @Test
    void everyMessageTypeConforms() {
        Instant now = SampleRecords.OCCURRED_AT;
        for (MessageType type : MessageType.values()) {
            CustomerEvent event = CustomerEvent.builder(type, "src_web", "msg-" + type.wireName())
                    .occurredAt(now).receivedAt(now).userId("cust-1")
                    .event("Signed Up").groupId("acme").previousId("anon-1").name("Home").category("Docs")
                    .build();

            assertThat(schema.errors(tree(event))).as(type.wireName()).isEmpty();
        }
    }

    @Test
    void trackWithoutEventIsRejectedBySchema() {
        ObjectNode track = tree(SampleRecords.orderCompleted());
        track.remove("event");

        assertThat(schema.errors(track)).isNotEmpty();
        assertThat(schema.errors(track.put("event", " "))).isNotEmpty();
    }

    @Test
    void aliasWithoutPreviousIdIsRejectedBySchema() {
        ObjectNode alias = tree(SampleRecords.identify()).put("type", "alias");

        assertThat(schema.errors(alias)).isNotEmpty();
        assertThat(schema.errors(alias.put("previousId", "anon-1"))).isEmpty();
    }

    @Test
    void groupWithoutGroupIdIsRejectedBySchema() {
        ObjectNode group = tree(SampleRecords.identify()).put("type", "group");

        assertThat(schema.errors(group)).isNotEmpty();
        assertThat(schema.errors(group.put("groupId", "acme"))).isEmpty();
    }

    @Test
    void eventWithoutUserIdOrAnonymousIdIsRejectedBySchema() {
        ObjectNode event = tree(SampleRecords.orderCompleted());
        event.remove("userId");
        assertThat(schema.errors(event)).isEmpty();

        event.remove("anonymousId");
        assertThat(schema.errors(event)).isNotEmpty();
        assertThat(schema.errors(event.put("userId", ""))).isNotEmpty();
    }

    @Test
    void freeFormObjectsAcceptAnything() {
        ObjectNode event = tree(SampleRecords.identify());
        event.putObject("traits").put("any", 1).putArray("tags").add("vip").add(3);
        event.putObject("context").putObject("nested").put("deep", true);

        assertThat(schema.errors(event)).isEmpty();
        assertThat(schema.errors(event.put("traits", "not an object"))).isNotEmpty();
    }

    @Test
    void explicitNullsForOptionalFieldsConform() {
        ObjectNode event = tree(SampleRecords.identify());
        event.putNull("sentAt").putNull("anonymousId").putNull("properties").putNull("event");

        assertThat(schema.errors(event)).isEmpty();
    }

    private static ObjectNode tree(Object record) {
        return LifecycleJson.mapper().valueToTree(record);
    }
}
