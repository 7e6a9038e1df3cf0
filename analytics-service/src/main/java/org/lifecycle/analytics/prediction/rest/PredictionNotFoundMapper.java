package org.lifecycle.analytics.prediction.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.lifecycle.analytics.aggregate.rest.QueryProblem;
import org.lifecycle.analytics.aggregate.rest.QueryProblemMapper;

/** A 404 as {@code application/problem+json} naming the parameter that matched nothing. */
public class PredictionNotFoundMapper {

    @ServerExceptionMapper
    public Response notFound(PredictionNotFoundException e, @Context UriInfo uri) {
        QueryProblem body = new QueryProblem("about:blank", "Not found", 404, e.getMessage(),
                uri == null ? null : uri.getPath(), e.field());
        return Response.status(404).type(QueryProblemMapper.PROBLEM_JSON).entity(body).build();
    }
}
