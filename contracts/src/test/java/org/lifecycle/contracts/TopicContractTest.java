package org.lifecycle.contracts;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifecycle.contracts.transition.StageTransition;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every topic's record and its checked-in schema agree: what a service encodes validates, decodes back equal, and the
 * schema rejects what a consumer could not use. Record and schema cannot drift apart unnoticed.
 */
class TopicContractTest {

    static Stream<Arguments> topics() {
        return Stream.of(
                Arguments.of(Topics.EVENTS, SampleRecords.orderCompleted()),
                Arguments.of(Topics.EVENTS, SampleRecords.identify()),
                Arguments.of(Topics.TRANSITIONS, SampleRecords.transition()),
                Arguments.of(Topics.MEMBERSHIPS, SampleRecords.membership()),
                Arguments.of(Topics.DISPATCHES, SampleRecords.dispatch()),
                Arguments.of(Topics.DELETIONS, SampleRecords.deletion()),
                Arguments.of(Topics.PREDICTIONS, SampleRecords.prediction()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void encodedRecordConformsToItsTopicSchema(String topic, Envelope record) {
        assertThat(TopicSchema.of(topic).errors(tree(record))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void encodedRecordDecodesBackEqual(String topic, Envelope record) {
        byte[] bytes = LifecycleJson.encode(record);

        assertThat(LifecycleJson.decode(bytes, record.getClass())).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void envelopeFieldsComeFirstAndAreRequired(String topic, Envelope record) {
        TopicSchema schema = TopicSchema.of(topic);

        assertThat(schema.required()).contains("id", "type", "version", "occurredAt", "receivedAt");
        assertThat(schema.topLevelProperties()).isNotEmpty();
        assertThat(TopicSchema.names(tree(record))).startsWith("id", "type", "version", "occurredAt", "receivedAt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void recordMissingAnyRequiredFieldIsRejectedBySchema(String topic, Envelope record) {
        TopicSchema schema = TopicSchema.of(topic);

        for (String field : schema.required()) {
            ObjectNode value = tree(record);
            value.remove(field);
            assertThat(schema.errors(value)).as("without %s", field).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void recordWithWrongTypesIsRejectedBySchema(String topic, Envelope record) {
        TopicSchema schema = TopicSchema.of(topic);

        assertThat(schema.errors(tree(record).put("version", "one"))).isNotEmpty();
        assertThat(schema.errors(tree(record).put("occurredAt", 1709288130120L))).isNotEmpty();
        assertThat(schema.errors(tree(record).put("receivedAt", "yesterday"))).isNotEmpty();
        assertThat(schema.errors(tree(record).put("type", "something.else"))).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void unknownTopLevelFieldIsRejectedBySchema(String topic, Envelope record) {
        assertThat(TopicSchema.of(topic).errors(tree(record).put("surprise", true))).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void schemaPropertiesAreExactlyTheRecordsJsonProperties(String topic, Envelope record) {
        assertThat(TopicSchema.of(topic).topLevelProperties()).isEqualTo(jsonProperties(record.getClass()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void deadLetterTopicUsesTheSameSchema(String topic, Envelope record) {
        assertThat(Schemas.text(Topics.deadLetter(topic))).isEqualTo(Schemas.text(topic));
        assertThat(TopicSchema.of(Topics.deadLetter(topic)).errors(tree(record))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void schemaIsIdentifiedByTopicAndVersion(String topic, Envelope record) {
        JsonNode root = TopicSchema.of(topic).root();

        assertThat(root.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(root.get("$id").asText()).isEqualTo("urn:lifecycle:schema:" + topic + ":1");
        assertThat(root.get("title").asText()).isEqualTo(record.getClass().getSimpleName());
        root.get("properties").properties().forEach(property -> assertThat(property.getValue().get("description"))
                .as("description of %s", property.getKey()).isNotNull());
    }

    @Test
    void transitionCauseSchemaMatchesTheCauseRecord() {
        JsonNode cause = TopicSchema.of(Topics.TRANSITIONS).root().get("properties").get("cause");

        assertThat(new TreeSet<>(TopicSchema.names(cause.get("properties"))))
                .isEqualTo(jsonProperties(StageTransition.Cause.class));
    }

    private static ObjectNode tree(Object record) {
        return LifecycleJson.mapper().valueToTree(record);
    }

    private static Set<String> jsonProperties(Class<?> type) {
        ObjectMapper mapper = LifecycleJson.mapper();
        JavaType javaType = mapper.constructType(type);
        Set<String> names = new TreeSet<>();
        for (BeanPropertyDefinition property : mapper.getSerializationConfig().introspect(javaType)
                .findProperties()) {
            if (property.couldSerialize()) {
                names.add(property.getName());
            }
        }
        return names;
    }
}
