package org.lifecycle.campaign.journey.definition;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * When a broadcast journey runs: once at an instant, or every day, week or month at a wall-clock time in a zone. The
 * broadcast scheduler asks {@link #nextAfter} for the run after the last one it made, so a run missed while the
 * service was down happens once when it is back, not once per missed period.
 */
public sealed interface BroadcastSchedule {

    /** The first run strictly after {@code after}; {@code null} when there is none (a one-off already past). */
    Instant nextAfter(Instant after);

    /** {@code "at": "2026-05-01T09:00:00Z"}. */
    record Once(Instant at) implements BroadcastSchedule {

        public Once {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public Instant nextAfter(Instant after) {
            return at.isAfter(after) ? at : null;
        }
    }

    /** {@code {"every": "day", "time": "09:00", "zone": "Europe/London"}}. */
    record Daily(LocalTime time, ZoneId zone) implements BroadcastSchedule {

        public Daily {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant nextAfter(Instant after) {
            LocalDate date = after.atZone(zone).toLocalDate();
            Instant candidate = at(date, time, zone);
            return candidate.isAfter(after) ? candidate : at(date.plusDays(1), time, zone);
        }
    }

    /** {@code {"every": "week", "day": "monday", "time": "09:00", "zone": "Europe/London"}}. */
    record Weekly(DayOfWeek day, LocalTime time, ZoneId zone) implements BroadcastSchedule {

        public Weekly {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant nextAfter(Instant after) {
            LocalDate date = after.atZone(zone).toLocalDate().with(TemporalAdjusters.nextOrSame(day));
            Instant candidate = at(date, time, zone);
            return candidate.isAfter(after) ? candidate : at(date.plusWeeks(1), time, zone);
        }
    }

    /**
     * {@code {"every": "month", "day": 1, "time": "09:00", "zone": "Europe/London"}}; days 1 to 28, so that every
     * month has the day.
     */
    record Monthly(int day, LocalTime time, ZoneId zone) implements BroadcastSchedule {

        public static final int LAST_DAY = 28;

        public Monthly {
            if (day < 1 || day > LAST_DAY) {
                throw new IllegalArgumentException("day must be from 1 to " + LAST_DAY + ", was " + day);
            }
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant nextAfter(Instant after) {
            LocalDate date = after.atZone(zone).toLocalDate().withDayOfMonth(day);
            Instant candidate = at(date, time, zone);
            return candidate.isAfter(after) ? candidate : at(date.plusMonths(1), time, zone);
        }
    }

    /**
     * A wall-clock time on a date in a zone; a time that a daylight-saving gap skips moves forward by the gap, as
     * clocks do.
     */
    private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }
}
