package org.lifecycle.ingestion.tracking.service;

import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.event.CustomerEvent;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    @Test
    void sameIdsAsTheContract() {
        String source = UUID.randomUUID().toString();
        for (String messageId : new String[]{"m-1", "", "ajs-next-1701876543210-9f8e7d6c", "caf\u00e9",
                "\u4e2d\u6587-\uD83D\uDE00", "lone \uD800 surrogate", "quote \" and \\ backslash\n",
                "x".repeat(1024), "\u00e9".repeat(1024)}) {
            assertThat(EventIds.of(source, messageId)).as(messageId).isEqualTo(CustomerEvent.eventId(source,
                    messageId));
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder messageId = new StringBuilder();
            int length = random.nextInt(300);
            for (int c = 0; c < length; c++) {
                messageId
                        .append((char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : random.nextInt(0x20, 0x7f)));
            }
            String sourceId = i % 2 == 0 ? source : "src-" + i;
            assertThat(EventIds.of(sourceId, messageId.toString()))
                    .isEqualTo(CustomerEvent.eventId(sourceId, messageId.toString()));
        }
    }

    @Test
    void writtenInPlaceAtAnOffset() {
        byte[] out = new byte[50];
        EventIds.writeInto(EventIds.sourceLine("s"), "m", out, 7);
        assertThat(new String(out, 7, 36, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(CustomerEvent.eventId("s", "m"));
        assertThat(out[6]).isZero();
        assertThat(out[43]).isZero();
    }
}
