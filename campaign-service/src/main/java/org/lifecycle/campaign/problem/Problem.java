package org.lifecycle.campaign.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 7807 problem document ({@code application/problem+json}). {@code field} repeats the first violation so that
 * a client reading only the top level still learns what to fix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        List<Violation> errors) {
}
