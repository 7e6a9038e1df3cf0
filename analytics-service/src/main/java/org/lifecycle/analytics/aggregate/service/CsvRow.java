package org.lifecycle.analytics.aggregate.service;

import java.util.List;

/** A row of a table the API also serves as CSV; {@code cells()} follow the type's {@code COLUMNS}. */
public interface CsvRow {

    List<Object> cells();
}
