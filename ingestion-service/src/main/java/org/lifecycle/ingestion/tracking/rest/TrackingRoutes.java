package org.lifecycle.ingestion.tracking.rest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemMapper;
import org.lifecycle.ingestion.problem.ProblemType;
import org.lifecycle.ingestion.tracking.service.TrackingService;
import org.lifecycle.ingestion.tracking.service.TrackingService.RequestHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Serves the tracking calls ({@link TrackingResource} describes them in the OpenAPI document and answers alike) as
 * plain Vert.x routes, ahead of JAX-RS: the body is buffered once, into an array of exactly its announced length, and
 * handed to the pipeline as it is. Through JAX-RS the same body was copied twice more (into an input stream, then into
 * the {@code byte[]} parameter) and passed through the framework's per-request chain: at 100–500 KB per batch that
 * was a measurable share of the event loop's time and of the garbage. Answers are the resource's: {@code
 * {"success":true}} once every event is on Kafka, else the problem document {@link ProblemMapper} makes.
 */
@ApplicationScoped
public class TrackingRoutes {

    private static final Buffer SUCCESS = Buffer.buffer("{\"success\":true}".getBytes(StandardCharsets.US_ASCII));
    private static final String JSON = "application/json";

    private final TrackingService tracking;
    private final ProblemMapper problems;
    private final ObjectMapper json;
    private final long maxBodyBytes;

    public TrackingRoutes(TrackingService tracking, ProblemMapper problems, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.tracking = tracking;
        this.problems = problems;
        this.json = json;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        // Bodies over the HTTP layer's hard ceiling are refused (413) before they are read, as JAX-RS did.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setPreallocateBodyBuffer(true);
        Map<String, MessageType> calls = new LinkedHashMap<>();
        for (MessageType type : MessageType.values()) {
            calls.put(type.wireName(), type);
        }
        calls.put("batch", null);
        calls.put("import", null);
        calls.forEach((call, type) -> router.post("/v1/" + call).handler(body).handler(ctx -> accept(ctx, type)));
    }

    private void accept(RoutingContext ctx, MessageType type) {
        HttpServerRequest request = ctx.request();
        RequestHeaders headers = new RequestHeaders(request.getHeader(HttpHeaderNames.CONTENT_TYPE),
                request.getHeader(HttpHeaderNames.CONTENT_ENCODING), request.getHeader(HttpHeaderNames.AUTHORIZATION));
        Context context = Vertx.currentContext();
        try {
            tracking.accept(type, bytes(ctx.body().buffer()), headers).subscribe().with(
                    done -> context.runOnContext(v -> ctx.response().putHeader(HttpHeaderNames.CONTENT_TYPE, JSON)
                            .end(SUCCESS)),
                    failure -> context.runOnContext(v -> fail(ctx, failure)));
        } catch (RuntimeException e) {
            fail(ctx, e);
        }
    }

    /** The body's bytes: the buffer's own array when it holds exactly the body (the usual case), else a copy. */
    static byte[] bytes(Buffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        ByteBuf buf = buffer.getByteBuf();
        if (buf.hasArray() && buf.arrayOffset() == 0 && buf.readerIndex() == 0
                && buf.array().length == buf.readableBytes()) {
            return buf.array();
        }
        return buffer.getBytes();
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        ProblemException problem;
        if (failure instanceof ProblemException known) {
            problem = known;
        } else {
            Log.errorf(failure, "Unexpected failure on %s", ctx.request().path());
            problem = new ProblemException(ProblemType.INTERNAL, "The request could not be processed");
        }
        byte[] document;
        try {
            document = json.writeValueAsBytes(problems.document(problem, ctx.request().path()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document is plain data", e);
        }
        var response = ctx.response().setStatusCode(problem.type().status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON);
        ProblemMapper.headers(problem).forEach(response::putHeader);
        response.end(Buffer.buffer(document));
    }
}
