package org.lifecycle.contracts.event;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.ContractException;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.commerce.CommerceEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerEventTest {

    private static final Instant NOW = Instant.parse("2024-03-01T10:15:30.120Z");

    @Test
    void retriedMessageGetsTheSameEventId() {
        assertThat(CustomerEvent.eventId("src_web", "msg-1")).isEqualTo(CustomerEvent.eventId("src_web", "msg-1"));
        assertThat(UUID.fromString(CustomerEvent.eventId("src_web", "msg-1")).version()).isEqualTo(3);
    }

    @Test
    void eventIdIsTheVersion3UuidOtherLanguagesCompute() {
        // Python: uuid.UUID(bytes=hashlib.md5(b"src_shopify\najs-next-1709288130120-4f1c").digest(), version=3)
        assertThat(CustomerEvent.eventId("src_shopify", "ajs-next-1709288130120-4f1c"))
                .isEqualTo("74b480a1-ff40-3d5b-97cf-6e78509a0f37");
    }

    @Test
    void sameMessageIdFromAnotherSourceIsAnotherEvent() {
        assertThat(CustomerEvent.eventId("src_web", "msg-1")).isNotEqualTo(CustomerEvent.eventId("src_ios", "msg-1"));
    }

    @Test
    void builderDerivesTheIdFromSourceAndMessage() {
        CustomerEvent event = page().build();

        assertThat(event.id()).isEqualTo(CustomerEvent.eventId("src_web", "msg-page-1"));
        assertThat(event.version()).isEqualTo(CustomerEvent.VERSION);
    }

    @Test
    void identityKeyIsTheUserIdOnceKnown() {
        assertThat(page().userId("cust-1").anonymousId("anon-1").build().identityKey()).isEqualTo("cust-1");
        assertThat(page().userId(" ").anonymousId("anon-1").build().identityKey()).isEqualTo("anon-1");
        assertThat(page().anonymousId("anon-1").build().identityKey()).isEqualTo("anon-1");
    }

    @Test
    void eventWithoutIdentityIsRefused() {
        assertThatThrownBy(() -> page().anonymousId(null).build()).hasMessageContaining("userId or anonymousId");
    }

    @Test
    void trackWithoutEventNameIsRefused() {
        assertThatThrownBy(() -> CustomerEvent.builder(MessageType.TRACK, "src_web", "m").occurredAt(NOW)
                .receivedAt(NOW).userId("cust-1").build()).hasMessageContaining("event");
    }

    @Test
    void trackEventIsRecognisedByName() {
        CustomerEvent track = CustomerEvent.builder(MessageType.TRACK, "src_web", "m").occurredAt(NOW)
                .receivedAt(NOW).userId("cust-1").event(CommerceEvents.ORDER_COMPLETED).build();

        assertThat(track.isTrack(CommerceEvents.ORDER_COMPLETED)).isTrue();
        assertThat(track.isTrack(CommerceEvents.ORDER_REFUNDED)).isFalse();
        assertThat(page().build().isTrack(null)).isFalse();
    }

    @Test
    void typedContextReadsTheContextObject() {
        CustomerEvent event = page()
                .context(LifecycleJson.mapper().createObjectNode().put("timezone", "Europe/Paris"))
                .build();

        assertThat(event.typedContext().timezone()).isEqualTo("Europe/Paris");
        assertThat(page().build().typedContext()).isEqualTo(Context.empty());
    }

    @Test
    void messageTypesAreSegmentsLowercaseNames() {
        assertThat(MessageType.parse("track")).contains(MessageType.TRACK);
        assertThat(MessageType.parse(" Identify ")).contains(MessageType.IDENTIFY);
        assertThat(MessageType.parse("batch")).isEmpty();
        assertThat(MessageType.parse(null)).isEmpty();
        assertThat(LifecycleJson.mapper().valueToTree(MessageType.SCREEN).asText()).isEqualTo("screen");
    }

    @Test
    void eventWrittenAsAJsonTreeByIngestionIsReadBack() {
        String json = """
                {"id":"%s","type":"alias","version":1,"occurredAt":"2024-03-01T10:15:30.120Z",
                 "receivedAt":"2024-03-01T10:15:31.004Z","sourceId":"src_web","messageId":"msg-alias-1",
                 "userId":"cust-1","previousId":"anon-1","context":{"library":{"name":"analytics-python"}}}
                """.formatted(CustomerEvent.eventId("src_web", "msg-alias-1"));

        CustomerEvent event = LifecycleJson.decode(json, CustomerEvent.class);

        assertThat(event.type()).isEqualTo(MessageType.ALIAS);
        assertThat(event.previousId()).isEqualTo("anon-1");
        assertThat(event.typedContext().library().name()).isEqualTo("analytics-python");
    }

    @Test
    void aliasWithoutPreviousIdCannotBeDecoded() {
        assertThatThrownBy(() -> LifecycleJson.decode("""
                {"id":"e-1","type":"alias","version":1,"occurredAt":"2024-03-01T10:15:30.120Z",
                 "receivedAt":"2024-03-01T10:15:31.004Z","sourceId":"src_web","messageId":"m","userId":"cust-1"}
                """, CustomerEvent.class))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("previousId");
    }

    private static CustomerEvent.Builder page() {
        return CustomerEvent.builder(MessageType.PAGE, "src_web", "msg-page-1")
                .occurredAt(NOW)
                .receivedAt(NOW)
                .anonymousId("anon-1")
                .name("Pricing");
    }
}
