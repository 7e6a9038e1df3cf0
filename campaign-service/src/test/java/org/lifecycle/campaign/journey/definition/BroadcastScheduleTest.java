package org.lifecycle.campaign.journey.definition;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BroadcastScheduleTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void aOneOffRunsOnceAtItsInstant() {
        BroadcastSchedule once = new BroadcastSchedule.Once(Instant.parse("2026-05-01T09:00:00Z"));

        assertThat(once.nextAfter(Instant.parse("2026-04-30T00:00:00Z"))).isEqualTo("2026-05-01T09:00:00Z");
        assertThat(once.nextAfter(Instant.parse("2026-05-01T09:00:00Z"))).isNull();
    }

    @Test
    void aDailyRunIsTodayWhenItsTimeIsStillAheadElseTomorrow() {
        BroadcastSchedule daily = new BroadcastSchedule.Daily(LocalTime.of(9, 0), ZoneOffset.UTC);

        assertThat(daily.nextAfter(Instant.parse("2026-05-01T08:59:00Z"))).isEqualTo("2026-05-01T09:00:00Z");
        assertThat(daily.nextAfter(Instant.parse("2026-05-01T09:00:00Z"))).isEqualTo("2026-05-02T09:00:00Z");
    }

    @Test
    void aDailyRunKeepsItsWallClockTimeAcrossDaylightSaving() {
        BroadcastSchedule daily = new BroadcastSchedule.Daily(LocalTime.of(9, 0), LONDON);

        // 09:00 GMT on Saturday 28 March 2026, 09:00 BST (08:00 UTC) on Sunday 29 March.
        assertThat(daily.nextAfter(Instant.parse("2026-03-28T09:00:00Z"))).isEqualTo("2026-03-29T08:00:00Z");
    }

    @Test
    void aWeeklyRunFallsOnItsDay() {
        BroadcastSchedule weekly = new BroadcastSchedule.Weekly(DayOfWeek.MONDAY, LocalTime.of(9, 30), LONDON);

        // Friday 1 May 2026 -> Monday 4 May, 09:30 BST.
        assertThat(weekly.nextAfter(Instant.parse("2026-05-01T12:00:00Z"))).isEqualTo("2026-05-04T08:30:00Z");
        // Right at Monday's run -> the next Monday.
        assertThat(weekly.nextAfter(Instant.parse("2026-05-04T08:30:00Z"))).isEqualTo("2026-05-11T08:30:00Z");
    }

    @Test
    void aMonthlyRunFallsOnItsDayOfTheMonth() {
        BroadcastSchedule monthly = new BroadcastSchedule.Monthly(1, LocalTime.of(10, 0),
                ZoneId.of("America/New_York"));

        assertThat(monthly.nextAfter(Instant.parse("2026-01-15T00:00:00Z"))).isEqualTo("2026-02-01T15:00:00Z");
        // 1 April is after the switch to daylight time: 10:00 EDT is 14:00 UTC.
        assertThat(monthly.nextAfter(Instant.parse("2026-03-01T15:00:00Z"))).isEqualTo("2026-04-01T14:00:00Z");
    }
}
