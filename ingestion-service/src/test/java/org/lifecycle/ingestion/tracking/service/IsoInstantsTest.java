package org.lifecycle.ingestion.tracking.service;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTest {

    @Test
    void handWrittenParserAgreesWithTheJdkOnEveryCommonShape() {
        for (String text : new String[]{"2024-05-01T12:30:00Z", "2024-05-01T12:30:00.1Z",
                "2024-05-01T12:30:00.123456789Z", "2024-05-01T18:00:00+05:30", "1999-12-31T23:59:59-08:00",
                "2024-02-29T00:00:00.000+00:00"}) {
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
        assertThat(IsoInstants.parse("2024-05-01T14:30:00+0200")).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(IsoInstants.parse("2024-05-01T12:30:00")).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
    }

    @Test
    void impossibleDatesAndOtherShapesAreRefused() {
        for (String text : new String[]{"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01T24:00:00Z",
                "2024-05-01 12:30", "yesterday", "2024-05-01T12:30:00+25:00"}) {
            assertThat(IsoInstants.parse(text)).as(text).isNull();
        }
    }

    @Test
    void formatsUtcWithMillisecondsLikeIsoInstant() {
        assertThat(IsoInstants.format(Instant.parse("2011-12-09T12:50:00Z"))).isEqualTo("2011-12-09T12:50:00Z");
        assertThat(IsoInstants.format(Instant.parse("2026-11-23T10:00:00.123456Z")))
                .isEqualTo("2026-11-23T10:00:00.123Z");
        assertThat(IsoInstants.format(Instant.parse("1970-01-01T00:00:00.007Z"))).isEqualTo("1970-01-01T00:00:00.007Z");
    }
}
