package org.lifecycle.segmentation.problem;

/**
 * One thing wrong with a request: the field at fault (a query parameter, or an RFC 6901 JSON pointer into the body
 * such as {@code /rule/all/1/count/gte}) and what is wrong with it.
 */
public record Violation(String field, String detail) {
}
