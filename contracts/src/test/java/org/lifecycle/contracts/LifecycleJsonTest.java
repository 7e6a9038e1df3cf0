package org.lifecycle.contracts;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.event.CustomerEvent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleJsonTest {

    @Test
    void instantsAreIsoStringsKeepingTheirMilliseconds() {
        ObjectNode json = LifecycleJson.mapper().valueToTree(SampleRecords.deletion());

        assertThat(json.get("occurredAt").asText()).isEqualTo("2024-03-01T10:15:30.120Z");
        assertThat(json.get("receivedAt").asText()).isEqualTo("2024-03-01T10:15:31.004Z");
    }

    @Test
    void wholeSecondInstantsHaveNoFraction() {
        DeletionRequest deletion = new DeletionRequest("d-1", SampleRecords.deletion().type(), 1,
                Instant.parse("2024-03-01T10:15:30Z"), Instant.parse("2024-03-01T10:15:30Z"), "cust-1", null, null,
                "admin", null);

        assertThat(new String(LifecycleJson.encode(deletion), StandardCharsets.UTF_8))
                .contains("\"occurredAt\":\"2024-03-01T10:15:30Z\"");
    }

    @Test
    void instantsWithAnOffsetAreReadAsTheSameMoment() {
        DeletionRequest read = LifecycleJson.decode("""
                {"id":"d-1","type":"deletion.requested","version":1,"occurredAt":"2024-03-01T11:15:30.120+01:00",
                 "receivedAt":"2024-03-01T10:15:31.004Z","userId":"cust-1","requestedBy":"admin"}
                """, DeletionRequest.class);

        assertThat(read.occurredAt()).isEqualTo(SampleRecords.OCCURRED_AT);
    }

    @Test
    void nullFieldsAreLeftOut() {
        String json = new String(LifecycleJson.encode(SampleRecords.identify()), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("null").doesNotContain("\"event\"").doesNotContain("\"properties\"");
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        DeletionRequest read = LifecycleJson.decode("""
                {"id":"d-1","type":"deletion.requested","version":1,"occurredAt":"2024-03-01T10:15:30.120Z",
                 "receivedAt":"2024-03-01T10:15:31.004Z","userId":"cust-1","requestedBy":"admin",
                 "legalBasis":"gdpr-art-17"}
                """, DeletionRequest.class);

        assertThat(read.userId()).isEqualTo("cust-1");
    }

    @Test
    void moneyInFreeFormPropertiesStaysExact() {
        CustomerEvent event = SampleRecords.orderCompleted();
        CustomerEvent read = LifecycleJson.decode(LifecycleJson.encode(event), CustomerEvent.class);

        assertThat(read.properties().get("revenue").decimalValue()).isEqualTo(new BigDecimal("25.00"));
        assertThat(new String(LifecycleJson.encode(event), StandardCharsets.UTF_8)).contains("\"revenue\":25.00");
    }

    @Test
    void malformedJsonFailsNamingTheRecordType() {
        assertThatThrownBy(() -> LifecycleJson.decode("{not json", CustomerEvent.class))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("CustomerEvent");
    }

    @Test
    void recordMissingARequiredFieldFailsNamingTheField() {
        assertThatThrownBy(() -> LifecycleJson.decode("""
                {"id":"d-1","type":"deletion.requested","version":1,"occurredAt":"2024-03-01T10:15:30.120Z",
                 "receivedAt":"2024-03-01T10:15:31.004Z","requestedBy":"admin"}
                """, DeletionRequest.class))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("DeletionRequest")
                .hasMessageContaining("userId");
    }

    @Test
    void recordWithoutVersionIsRefused() {
        assertThatThrownBy(() -> LifecycleJson.decode("""
                {"id":"d-1","type":"deletion.requested","occurredAt":"2024-03-01T10:15:30.120Z",
                 "receivedAt":"2024-03-01T10:15:31.004Z","userId":"cust-1","requestedBy":"admin"}
                """, DeletionRequest.class))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("version");
    }

    @Test
    void unknownTypeValueIsRefused() {
        assertThatThrownBy(() -> LifecycleJson.decode("""
                {"id":"d-1","type":"deletion.maybe","version":1,"occurredAt":"2024-03-01T10:15:30.120Z",
                 "receivedAt":"2024-03-01T10:15:31.004Z","userId":"cust-1","requestedBy":"admin"}
                """, DeletionRequest.class))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("deletion.maybe");
    }

    @Test
    void nullAndJsonNullAreRefused() {
        assertThatThrownBy(() -> LifecycleJson.decode((byte[]) null, CustomerEvent.class))
                .isInstanceOf(ContractException.class);
        assertThatThrownBy(() -> LifecycleJson.decode("null", CustomerEvent.class))
                .isInstanceOf(ContractException.class);
        assertThatThrownBy(() -> LifecycleJson.encode(null)).isInstanceOf(ContractException.class);
    }
}
