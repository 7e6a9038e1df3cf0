package org.lifecycle.analytics.aggregate.service;

import java.time.LocalDate;
import java.util.List;

/** Customers in a stage at the end of a day. */
public record StageCount(LocalDate day, String stage, long customers) implements CsvRow {

    public static final List<String> COLUMNS = List.of("day", "stage", "customers");

    @Override
    public List<Object> cells() {
        return List.of(day, stage, customers);
    }
}
