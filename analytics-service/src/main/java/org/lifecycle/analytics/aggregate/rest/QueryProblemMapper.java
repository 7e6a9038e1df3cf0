package org.lifecycle.analytics.aggregate.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a bad query parameter into {@code application/problem+json}; nothing is read or changed. */
public class QueryProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e, @Context UriInfo uri) {
        QueryProblem body = new QueryProblem("about:blank", "Invalid query parameter", 400, e.getMessage(),
                uri == null ? null : uri.getPath(), e.field());
        return Response.status(400).type(PROBLEM_JSON).entity(body).build();
    }
}
