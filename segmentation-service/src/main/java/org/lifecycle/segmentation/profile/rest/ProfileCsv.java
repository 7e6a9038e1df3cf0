package org.lifecycle.segmentation.profile.rest;

import java.time.Instant;
import java.util.List;

import org.lifecycle.segmentation.profile.service.ProfileSummary;

/**
 * Profiles as RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line end.
 * A field that a spreadsheet would take for a formula (starting with {@code = + - @}, a tab or a carriage return) is
 * written with a leading {@code '}, so opening an export never runs what a customer typed into a trait.
 */
final class ProfileCsv {

    static final String HEADER = "profile_id,user_id,email,stage,stage_since,rfm_group,segments\r\n";

    private ProfileCsv() {
    }

    /** The lines of a page of profiles, one per profile; segments joined with {@code ;}. */
    static String lines(List<ProfileSummary> profiles) {
        StringBuilder out = new StringBuilder(profiles.size() * 160);
        for (ProfileSummary p : profiles) {
            out.append(p.id()).append(',');
            field(out, p.userId());
            out.append(',');
            field(out, p.email());
            out.append(',');
            field(out, p.stage());
            out.append(',');
            field(out, time(p.stageSince()));
            out.append(',');
            field(out, p.rfmGroup());
            out.append(',');
            field(out, String.join(";", p.segments()));
            out.append("\r\n");
        }
        return out.toString();
    }

    /**
     * A field, with a leading {@code '} when it could start a formula, quoted (with inner quotes doubled) when it
     * holds a comma, a quote, a CR or an LF.
     */
    static void field(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        if (startsFormula(value)) {
            value = "'" + value;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /** Whether a spreadsheet could read the value as a formula: it starts with = + - @, a tab or a CR. */
    static boolean startsFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
