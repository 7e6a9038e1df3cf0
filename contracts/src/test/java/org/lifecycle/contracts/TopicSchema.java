package org.lifecycle.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** A topic's checked-in schema, validating the way a consumer in another language would, formats included. */
final class TopicSchema {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private final JsonSchema schema;
    private final ObjectNode node;

    private TopicSchema(String topic) {
        this.schema = FACTORY.getSchema(Schemas.text(topic), CONFIG);
        this.node = SampleRecords.object(Schemas.text(topic));
    }

    static TopicSchema of(String topic) {
        return new TopicSchema(topic);
    }

    /** The validation errors of a value; empty when it conforms. */
    Set<String> errors(JsonNode value) {
        Set<String> errors = new TreeSet<>();
        for (ValidationMessage message : schema.validate(value)) {
            errors.add(message.getMessage());
        }
        return errors;
    }

    Set<String> required() {
        Set<String> required = new TreeSet<>();
        node.get("required").forEach(field -> required.add(field.asText()));
        return required;
    }

    Set<String> topLevelProperties() {
        return new TreeSet<>(names(node.get("properties")));
    }

    /** The field names of a JSON object, in document order. */
    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(property -> names.add(property.getKey()));
        return names;
    }

    JsonNode root() {
        return node;
    }
}
