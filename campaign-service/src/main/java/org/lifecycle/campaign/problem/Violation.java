package org.lifecycle.campaign.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a request: the field at fault (a query parameter, a body field such as {@code html}, or an RFC
 * 6901 JSON pointer into the body) and what is wrong with it; for a template, the line and column in the field's text
 * where the fault is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(String field, String detail, Integer line, Integer column) {

    public Violation(String field, String detail) {
        this(field, detail, null, null);
    }
}
