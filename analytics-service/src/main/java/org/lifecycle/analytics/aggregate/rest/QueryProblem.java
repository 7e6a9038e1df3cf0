package org.lifecycle.analytics.aggregate.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 7807 problem naming the query parameter at fault. */
@Schema(description = "RFC 7807 problem; field names the query parameter at fault")
public record QueryProblem(String type, String title, int status, String detail, String instance, String field) {
}
