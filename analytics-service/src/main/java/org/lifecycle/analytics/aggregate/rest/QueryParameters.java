package org.lifecycle.analytics.aggregate.rest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.lifecycle.analytics.aggregate.service.Filter;

/** Parses and checks the query parameters shared by the figures' endpoints. */
final class QueryParameters {

    static final int MAX_DAYS = 3660;
    static final int DEFAULT_DAYS = 30;
    static final int DEFAULT_MONTHS = 24;

    private QueryParameters() {
    }

    /** A range of days: {@code to} defaults to today, {@code from} to 30 days before it. */
    static Filter days(String from, String to, String stage, String segment, LocalDate today) {
        LocalDate last = to == null || to.isBlank() ? today : date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        check(first, last);
        return new Filter(first, last, text("stage", stage), text("segment", segment));
    }

    /** A range of cohort months, as {@code yyyy-MM} or a date; defaults to the last 24 months. */
    static Filter months(String from, String to, String stage, String segment, LocalDate today) {
        LocalDate last = to == null || to.isBlank() ? today : month("to", to).atEndOfMonth();
        LocalDate first = from == null || from.isBlank()
                ? YearMonth.from(last).minusMonths(DEFAULT_MONTHS - 1).atDay(1)
                : month("from", from).atDay(1);
        check(first, last);
        return new Filter(first, last, text("stage", stage), text("segment", segment));
    }

    static int windowDays(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 1 && days <= 365) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidQueryException("windowDays", "windowDays must be a whole number of days from 1 to 365, found "
                + value);
    }

    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 200) {
            throw new InvalidQueryException(field, field + " must be at most 200 characters");
        }
        return value.trim();
    }

    private static void check(LocalDate first, LocalDate last) {
        if (first.isAfter(last)) {
            throw new InvalidQueryException("from", "from (" + first + ") must not be after to (" + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidQueryException("from", "the range must span at most " + MAX_DAYS + " days");
        }
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(field, field + " must be a date like 2011-03-01, found " + value);
        }
    }

    private static YearMonth month(String field, String value) {
        String text = value.trim();
        try {
            return text.length() == 7 ? YearMonth.parse(text) : YearMonth.from(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(field, field + " must be a month like 2011-03 or a date, found " + value);
        }
    }
}
