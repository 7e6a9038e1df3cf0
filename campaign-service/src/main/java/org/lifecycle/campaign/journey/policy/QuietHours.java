package org.lifecycle.campaign.journey.policy;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The part of each day, in the customer's own time zone, when nothing is sent: from {@code start} (inclusive) to
 * {@code end} (exclusive). A window with {@code start} after {@code end}, like 21:00 to 08:00, runs across midnight.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours need a start and an end that differ");
        }
    }

    /** Whether a wall-clock time is quiet. */
    public boolean contains(LocalTime time) {
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    /**
     * When the quiet period containing {@code local} ends, in the same zone. A wall-clock end that a daylight-saving
     * change skips moves forward by the gap, as clocks do.
     */
    public ZonedDateTime endAfter(ZonedDateTime local) {
        boolean endsTomorrow = start.isAfter(end) && !local.toLocalTime().isBefore(start);
        return ZonedDateTime.of(endsTomorrow ? local.toLocalDate().plusDays(1) : local.toLocalDate(), end,
                local.getZone());
    }
}
