package org.lifecycle.segmentation.profile.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.lifecycle.segmentation.profile.service.ProfileSummary;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileCsvTest {

    private static final UUID ID = UUID.fromString("0b6e1c2a-3f4d-4e5f-8a9b-1c2d3e4f5a6b");
    private static final Instant SINCE = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void plainFieldsAreWrittenAsTheyAreWithCrlfLineEnds() {
        assertThat(
                ProfileCsv.lines(List.of(summary("u-1", "ada@example.com", List.of("stage.active", "rfm.loyalists")))))
                .isEqualTo(ID
                        + ",u-1,ada@example.com,active,2026-03-01T10:15:30Z,loyalists,stage.active;rfm.loyalists\r\n");
    }

    @Test
    void fieldsWithACommaAQuoteOrALineBreakAreQuotedWithQuotesDoubled() {
        assertThat(ProfileCsv.lines(List.of(summary("a,b", "\"x\"@example.com", List.of()))))
                .isEqualTo(ID + ",\"a,b\",\"\"\"x\"\"@example.com\",active,2026-03-01T10:15:30Z,loyalists,\r\n");
        assertThat(ProfileCsv.lines(List.of(summary("line\nbreak", "cr\rhere", List.of()))))
                .startsWith(ID + ",\"line\nbreak\",\"cr\rhere\",");
    }

    @Test
    void fieldsASpreadsheetWouldRunAsFormulasGetALeadingApostrophe() {
        assertThat(ProfileCsv.lines(List.of(summary("=HYPERLINK(\"http://x.example\")", "+1@example.com",
                List.of("-5", "ok")))))
                .isEqualTo(
                        ID + ",\"'=HYPERLINK(\"\"http://x.example\"\")\",'+1@example.com,active,2026-03-01T10:15:30Z,"
                                + "loyalists,'-5;ok\r\n");
        assertThat(ProfileCsv.lines(List.of(summary("@SUM(A1)", "\tx@example.com", List.of()))))
                .startsWith(ID + ",'@SUM(A1),'\tx@example.com,");
        assertThat(ProfileCsv.lines(List.of(summary("\rcr", "a=b@example.com", List.of()))))
                .startsWith(ID + ",\"'\rcr\",a=b@example.com,");
    }

    @Test
    void absentValuesAreEmptyFields() {
        ProfileSummary anonymous = new ProfileSummary(ID, null, null, "prospect", null, null, null, List.of(), null);
        assertThat(ProfileCsv.lines(List.of(anonymous))).isEqualTo(ID + ",,,prospect,,,\r\n");
    }

    private static ProfileSummary summary(String userId, String email, List<String> segments) {
        return new ProfileSummary(ID, userId, email, "active", SINCE, "new_customer", "loyalists", segments, SINCE);
    }
}
