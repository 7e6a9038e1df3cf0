package org.lifecycle.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemasTest {

    @Test
    void everyTopicHasItsDeadLetterTopic() {
        assertThat(Topics.all()).hasSize(12).containsExactly(
                "lifecycle.events", "lifecycle.events.dlq",
                "lifecycle.transitions", "lifecycle.transitions.dlq",
                "lifecycle.memberships", "lifecycle.memberships.dlq",
                "lifecycle.dispatches", "lifecycle.dispatches.dlq",
                "lifecycle.deletions", "lifecycle.deletions.dlq",
                "lifecycle.predictions", "lifecycle.predictions.dlq");
    }

    @Test
    void schemaResourceIsNamedAfterTheTopic() {
        assertThat(Schemas.resourcePath(Topics.EVENTS)).isEqualTo("schemas/lifecycle.events.schema.json");
        assertThat(Schemas.resourcePath(Topics.DELETIONS)).isEqualTo("schemas/lifecycle.deletions.schema.json");
    }

    @Test
    void deadLetterTopicResolvesToItsMainTopicsSchema() {
        for (String topic : Topics.MAIN) {
            assertThat(Schemas.resourcePath(Topics.deadLetter(topic))).isEqualTo(Schemas.resourcePath(topic));
        }
        assertThat(Topics.mainTopicOf("lifecycle.dispatches.dlq")).isEqualTo(Topics.DISPATCHES);
        assertThat(Topics.mainTopicOf(Topics.DISPATCHES)).isEqualTo(Topics.DISPATCHES);
    }

    @Test
    void everyTopicSchemaShipsInTheJar() {
        for (String topic : Topics.all()) {
            assertThat(Schemas.text(topic)).contains("\"$id\": \"urn:lifecycle:schema:" + Topics.mainTopicOf(topic));
        }
    }

    @Test
    void unknownTopicIsRefusedByName() {
        assertThatThrownBy(() -> Schemas.resourcePath("lifecycle.unknown"))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("lifecycle.unknown");
        assertThatThrownBy(() -> Schemas.text(null)).isInstanceOf(ContractException.class);
    }

    @Test
    void deadLetterHeadersAreNamedOnce() {
        assertThat(new String[]{DeadLetter.REASON, DeadLetter.ORIGINAL_TOPIC, DeadLetter.ORIGINAL_PARTITION,
                DeadLetter.ORIGINAL_OFFSET})
                .containsExactly("dlq-reason", "dlq-original-topic", "dlq-original-partition", "dlq-original-offset");
    }
}
