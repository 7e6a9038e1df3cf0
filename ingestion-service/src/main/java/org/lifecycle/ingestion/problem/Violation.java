package org.lifecycle.ingestion.problem;

/**
 * One thing wrong with a request: the field at fault (a JSON path such as {@code batch[3].event}, or a header name),
 * the index of the message in a batch when there is one, and what is wrong with it.
 */
public record Violation(String field, Integer index, String detail) {

    public static Violation of(String field, String detail) {
        return new Violation(field, null, detail);
    }
}
