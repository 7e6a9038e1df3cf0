package org.lifecycle.ingestion.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;

/**
 * The one place where failures become RFC 7807 {@code application/problem+json} responses, so every error of the
 * service has the same shape and names the field at fault.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    private final RejectionMetrics metrics;

    public ProblemMapper(RejectionMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, @Context UriInfo uri) {
        var response = Response.status(e.type().status()).type(PROBLEM_JSON).entity(document(e, path(uri)));
        headers(e).forEach(response::header);
        return response.build();
    }

    /**
     * The problem document answering {@code e} on a request to {@code path}, counted as a rejected request. The
     * tracking routes, which answer outside JAX-RS, render their failures with this and {@link #headers}.
     */
    public Problem document(ProblemException e, String path) {
        metrics.rejected(e);
        var first = e.violations().isEmpty() ? null : e.violations().getFirst();
        return new Problem(e.type().uri(), e.type().title(), e.type().status(), e.getMessage(), path,
                first == null ? null : first.field(), first == null ? null : first.index(),
                e.violations().isEmpty() ? null : e.violations());
    }

    /** The headers that go with the problem: when to retry, how to authenticate. */
    public static Map<String, String> headers(ProblemException e) {
        Map<String, String> headers = new LinkedHashMap<>(2);
        if (e.retryAfter() != null) {
            headers.put("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        if (e.type() == ProblemType.UNAUTHORIZED) {
            headers.put("WWW-Authenticate", "Basic realm=\"lifecycle\"");
        }
        return headers;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, @Context UriInfo uri) {
        var violations = e.getConstraintViolations().stream()
                .map(v -> Violation.of(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Violation::field))
                .toList();
        return problem(new ProblemException(ProblemType.INVALID_FIELD, "The request has invalid fields", violations),
                uri);
    }

    /** Jackson's own mapper for this subtype would otherwise answer first, with an empty body and no field. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, @Context UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, @Context UriInfo uri) {
        // A value of the wrong type (an object for a name) names its field; broken JSON the body, even where Jackson
        // noted the field it was reading when the text broke off.
        if (e instanceof MismatchedInputException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(java.util.stream.Collectors.joining("."));
            return problem(ProblemException.field(ProblemType.INVALID_FIELD, field, "The value of " + field
                    + " is not valid: " + mapping.getOriginalMessage().lines().findFirst().orElse("")), uri);
        }
        var location = e.getLocation();
        var detail = "The body is not valid JSON" + (location == null
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
        return problem(ProblemException.field(ProblemType.MALFORMED_JSON, "body", detail), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, @Context UriInfo uri) {
        // The JSON body reader wraps a body that does not parse in a 400 of its own.
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        var body = new Problem("about:blank", e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getMessage(), path(uri), null, null, null);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, @Context UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", path(uri));
        return problem(new ProblemException(ProblemType.INTERNAL, "The request could not be processed"), uri);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** {@code create.request.name} becomes {@code name}: clients know their field, not our method names. */
    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
