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

    @Test
    void formatsEveryDayOfFourCenturiesAndTheYearLimitsAsTheJdkDoes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        long from = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000));
            assertThat(IsoInstants.format(instant)).isEqualTo(
                    java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                            instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        }
        // Every day from 1900 to 2300 (leap years, century rules), at midnight and one millisecond before the next.
        for (long day = java.time.LocalDate.of(1900, 1, 1).toEpochDay(); day <= java.time.LocalDate.of(2300, 1, 1)
                .toEpochDay(); day++) {
            Instant midnight = Instant.ofEpochSecond(day * 86_400);
            assertThat(IsoInstants.format(midnight)).isEqualTo(midnight.toString());
            Instant last = midnight.plusMillis(86_399_999);
            assertThat(IsoInstants.format(last)).isEqualTo(last.toString());
        }
        for (String outside : new String[]{"0999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z",
                "-0001-06-01T00:00:00Z"}) {
            Instant instant = Instant.parse(outside);
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
            assertThat(IsoInstants.formatInto(instant, new byte[IsoInstants.MAX_FORMATTED], 0)).isEqualTo(-1);
        }
        assertThat(IsoInstants.format(Instant.parse("1000-01-01T00:00:00Z"))).isEqualTo("1000-01-01T00:00:00Z");
        assertThat(IsoInstants.format(Instant.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
    }
}
