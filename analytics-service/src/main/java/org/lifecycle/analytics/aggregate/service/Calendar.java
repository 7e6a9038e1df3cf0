package org.lifecycle.analytics.aggregate.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

/** Cuts event time into the calendar days and months of the configured zone. */
@ApplicationScoped
public class Calendar {

    private final ZoneId zone;
    private final Clock clock;

    public Calendar(AggregateConfig config) {
        this.zone = config.zone();
        this.clock = Clock.system(zone);
    }

    public LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    public LocalDate month(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public ZoneId zone() {
        return zone;
    }
}
