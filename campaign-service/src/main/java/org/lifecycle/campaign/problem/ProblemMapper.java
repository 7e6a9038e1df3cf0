package org.lifecycle.campaign.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;

/**
 * The one place where failures become RFC 7807 {@code application/problem+json} responses, so every error of the
 * service has the same shape and names the field at fault.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response problem(ProblemException e, @Context UriInfo uri) {
        Violation first = e.violations().isEmpty() ? null : e.violations().getFirst();
        Problem body = new Problem(e.type(), e.title(), e.status(), e.getMessage(), path(uri),
                first == null ? null : first.field(), e.violations().isEmpty() ? null : e.violations());
        return Response.status(e.status()).type(PROBLEM_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, @Context UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        return problem(new ProblemException(400, "Invalid field", "The request has invalid fields", violations), uri);
    }

    /** Jackson's own mapper for this subtype would otherwise answer first, without the field. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, @Context UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, @Context UriInfo uri) {
        // A value of the wrong type (an unknown channel, text for a number) names its field; broken JSON the body.
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            List<String> names = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .toList();
            String field = names.size() == 1
                    ? names.getFirst()
                    : names.stream().collect(Collectors.joining("/", "/", ""));
            return problem(ProblemException.invalid(field, "The value of " + field + " is not valid: "
                    + mapping.getOriginalMessage().lines().findFirst().orElse("")), uri);
        }
        var location = e.getLocation();
        String detail = "The body is not valid JSON" + (location == null
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
        return problem(ProblemException.invalid("body", detail), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, @Context UriInfo uri) {
        // The JSON body reader wraps a body that does not parse in a 400 of its own.
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        Problem body = new Problem("about:blank", e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getMessage(), path(uri), null, null);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, @Context UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", path(uri));
        return problem(new ProblemException(500, "Internal error", "The request could not be processed", List.of()),
                uri);
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
