package org.lifecycle.ingestion.tracking.service;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;

/**
 * ISO-8601 instants as clients send them and as the topic carries them. The common shapes
 * ({@code 2024-05-01T12:30:00.123Z}, with an offset or none) are read and written by hand: the general
 * {@link DateTimeFormatter} machinery costs more than the rest of an event's processing together. Anything unusual goes
 * through the general parser, so the accepted language is the same.
 */
final class IsoInstants {

    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter()
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private IsoInstants() {
    }

    /** ISO-8601 with an offset ({@code Z}, {@code +01:00} or {@code +0100}); without one, UTC. Null if it is none. */
    static Instant parse(String text) {
        Instant fast = parseCommon(text);
        return fast != null ? fast : parseGeneral(text.trim());
    }

    /** The longest text {@link #formatInto} writes. */
    static final int MAX_FORMATTED = 24;

    /** {@code 2024-05-01T12:30:00.123Z}: UTC, milliseconds (the topic's form). */
    static String format(Instant instant) {
        byte[] out = new byte[MAX_FORMATTED];
        int length = formatInto(instant, out, 0);
        return length < 0
                ? DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS))
                : new String(out, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Writes {@link #format}'s text as ASCII bytes at {@code at} (at most {@value #MAX_FORMATTED}) and returns how many,
     * or -1 without writing anything for a year outside 1000–9999, which the general formatter writes. The date is
     * computed from the epoch day directly (the proleptic Gregorian calendar, as {@link java.time.LocalDate}), so
     * nothing is allocated.
     */
    static int formatInto(Instant instant, byte[] out, int at) {
        long epochSecond = instant.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        // Days to civil date, shifted so that the year starts on March 1st (the leap day is the year's last).
        long shifted = epochDay + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1000 || year > 9999) {
            return -1;
        }
        int millis = instant.getNano() / 1_000_000;
        digits(out, at, (int) year, 4);
        out[at + 4] = '-';
        digits(out, at + 5, month, 2);
        out[at + 7] = '-';
        digits(out, at + 8, day, 2);
        out[at + 10] = 'T';
        digits(out, at + 11, secondOfDay / 3600, 2);
        out[at + 13] = ':';
        digits(out, at + 14, secondOfDay / 60 % 60, 2);
        out[at + 16] = ':';
        digits(out, at + 17, secondOfDay % 60, 2);
        if (millis == 0) {
            out[at + 19] = 'Z';
            return 20;
        }
        out[at + 19] = '.';
        digits(out, at + 20, millis, 3);
        out[at + 23] = 'Z';
        return 24;
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z|±HH:MM|±HHMM]}; null for anything else. */
    private static Instant parseCommon(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length == 0 || length > 9) {
                return null;
            }
            nanos = number(s, start, length);
            for (int k = length; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n) {
            offsetSeconds = 0;
        } else if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            int sign = s.charAt(i) == '-' ? -1 : 1;
            int hours;
            int minutes;
            if (n - i == 6 && s.charAt(i + 3) == ':') {
                hours = number(s, i + 1, 2);
                minutes = number(s, i + 4, 2);
            } else if (n - i == 5) {
                hours = number(s, i + 1, 2);
                minutes = number(s, i + 3, 2);
            } else {
                return null;
            }
            if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
                return null;
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
            return Instant.ofEpochSecond(epochSecond, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number of {@code length} digits at {@code from}, or -1 if they are not all digits. */
    private static int number(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Instant parseGeneral(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException ignored) {
            // try the other accepted forms
        }
        try {
            return OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant();
        } catch (DateTimeException ignored) {
            // try the other accepted forms
        }
        try {
            return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
