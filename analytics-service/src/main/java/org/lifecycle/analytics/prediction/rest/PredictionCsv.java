package org.lifecycle.analytics.prediction.rest;

import java.util.List;

import org.lifecycle.analytics.aggregate.service.CsvRow;

/** RFC 4180 CSV of a table: a header line, then one line per row; empty cells for missing values. */
final class PredictionCsv {

    private PredictionCsv() {
    }

    static String of(List<String> columns, List<? extends CsvRow> rows) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(columns));
        for (CsvRow row : rows) {
            line(out, row.cells());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object cell = cells.get(i);
            out.append(cell == null ? "" : escape(cell.toString()));
        }
        out.append("\r\n");
    }

    private static String escape(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
