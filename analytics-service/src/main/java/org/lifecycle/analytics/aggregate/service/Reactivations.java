package org.lifecycle.analytics.aggregate.service;

import java.time.LocalDate;
import java.util.List;

/** Reactivations (win-back successes) of one day. */
public record Reactivations(LocalDate day, long reactivations) implements CsvRow {

    public static final List<String> COLUMNS = List.of("day", "reactivations");

    @Override
    public List<Object> cells() {
        return List.of(day, reactivations);
    }
}
