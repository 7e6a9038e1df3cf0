package org.lifecycle.system.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.lifecycle.system.support.Service.ANALYTICS;
import static org.lifecycle.system.support.Service.CAMPAIGN;
import static org.lifecycle.system.support.Service.INGESTION;
import static org.lifecycle.system.support.Service.SEGMENTATION;

/**
 * The corpus: malformed, oversized, unauthenticated and hostile requests against every public endpoint of the four
 * services, each with the exact answer the service documents. Declared in code because many requests are built
 * (gzip bombs, nesting thousands of levels deep, invalid UTF-8, tokens signed with the installation's own key) or
 * name what the test created (the source, its webhooks, the journey, template and segment).
 */
final class HostileCorpus {

    /** Segment's limits, as ingestion-service enforces them. */
    private static final int MAX_EVENT_BYTES = 32 * 1024;
    private static final int MAX_BATCH_BYTES = 500 * 1024;
    /** The HTTP layer's ceiling of ingestion-service (quarkus.http.limits.max-body-size). */
    private static final int HTTP_BODY_LIMIT = 4 * 1024 * 1024;
    /** How far the gzip bomb expands: 512 times the batch limit, from about a quarter of a megabyte. */
    private static final int BOMB_BYTES = 256 * 1024 * 1024;
    private static final int DEEP = 5_000;

    /** What the test created before the corpus runs, which hostile requests aim at. */
    record Targets(String adminToken, String writeKey, String revokedKey, UUID sourceId, UUID typeformId,
            String typeformSecret, UUID zendeskId, String zendeskSecret, String trackingKey, String journeyKey,
            String templateKey, String segmentKey, String userId) {
    }

    private HostileCorpus() {
    }

    static List<HostileRequest> of(Targets t) {
        List<HostileRequest> corpus = new ArrayList<>();
        ingestionTracking(corpus, t);
        ingestionAdmin(corpus, t);
        ingestionWebhooks(corpus, t);
        campaignTracking(corpus, t);
        campaignJourneys(corpus, t);
        campaignTemplates(corpus, t);
        segmentation(corpus, t);
        analytics(corpus);
        dashboard(corpus);
        return corpus;
    }

    // ---------------------------------------------------------------- ingestion-service: the tracking API

    private static void ingestionTracking(List<HostileRequest> c, Targets t) {
        String track = "{\"userId\":\"hostile-1\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":10}}";
        String identify = "{\"userId\":\"hostile-1\",\"traits\":{\"email\":\"h@example.com\"}}";
        String batch = "{\"batch\":[{\"type\":\"track\",\"userId\":\"hostile-1\",\"event\":\"Viewed\"}]}";

        // Unauthenticated: no key, unknown, revoked, the wrong scheme, credentials that are not base64.
        c.add(HostileRequest.of("no write key").post(INGESTION, "/v1/identify").json(identify).expect(401,
                "writeKey"));
        c.add(HostileRequest.of("unknown write key").post(INGESTION, "/v1/track").json(track)
                .writeKey("wk_" + UUID.randomUUID()).expect(401, "Authorization"));
        c.add(HostileRequest.of("revoked write key").post(INGESTION, "/v1/page")
                .json("{\"userId\":\"hostile-1\",\"name\":\"Home\"}").writeKey(t.revokedKey())
                .expect(401, "Authorization"));
        c.add(HostileRequest.of("write key sent as a Bearer token").post(INGESTION, "/v1/screen")
                .json("{\"userId\":\"hostile-1\",\"name\":\"Home\"}").bearer(t.writeKey())
                .expect(401, "Authorization"));
        c.add(HostileRequest.of("Basic credentials that are not base64").post(INGESTION, "/v1/group")
                .json("{\"userId\":\"hostile-1\",\"groupId\":\"g1\"}").header("Authorization", "Basic %%%not*base64")
                .expect(401, "Authorization"));
        c.add(HostileRequest.of("unknown write key in the body").post(INGESTION, "/v1/alias")
                .json("{\"userId\":\"hostile-1\",\"previousId\":\"anon-1\",\"writeKey\":\"wk_guess\"}")
                .expect(401, "writeKey"));
        c.add(HostileRequest.of("revoked write key in the body").post(INGESTION, "/v1/batch")
                .json("{\"writeKey\":\"" + t.revokedKey() + "\",\"batch\":[{\"type\":\"track\","
                        + "\"userId\":\"hostile-1\",\"event\":\"Viewed\"}]}")
                .expect(401, "writeKey"));
        c.add(HostileRequest.of("write key in the body is not a string").post(INGESTION, "/v1/import")
                .json("{\"writeKey\":12345,\"batch\":[{\"type\":\"track\",\"userId\":\"hostile-1\","
                        + "\"event\":\"Viewed\"}]}")
                .expect(401, "writeKey"));
        c.add(HostileRequest.of("the admin token is no write key").post(INGESTION, "/v1/import").json(batch)
                .writeKey(t.adminToken()).expect(401, "Authorization"));

        // Malformed JSON.
        c.add(HostileRequest.of("truncated JSON").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"event\":").writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("a JSON array instead of an object").post(INGESTION, "/v1/identify").json("[]")
                .writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("empty body").post(INGESTION, "/v1/identify").json("").writeKey(t.writeKey())
                .expect(400, "body"));
        c.add(HostileRequest.of("content after the JSON object").post(INGESTION, "/v1/track")
                .json(track + " {\"userId\":\"hostile-2\"}").writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("NaN is not JSON").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"event\":\"E\",\"properties\":{\"revenue\":NaN}}")
                .writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("single quotes and a trailing comma").post(INGESTION, "/v1/identify")
                .json("{'userId':'hostile-1',}").writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("a raw control character in a string").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"event\":\"Order\u0001Completed\"}").writeKey(t.writeKey())
                .expect(400, "body"));
        c.add(HostileRequest.of("invalid UTF-8 in the event name").post(INGESTION, "/v1/track")
                .header("Content-Type", "application/json")
                .bytes(concat("{\"userId\":\"hostile-1\",\"event\":\"Order ", new byte[]{(byte) 0xC3, (byte) 0x28,
                        (byte) 0xFF}, "\"}"))
                .writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("properties nested " + DEEP + " levels deep").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"event\":\"Deep\",\"properties\":" + nestedObjects(DEEP) + "}")
                .writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("an unknown batch field nested " + DEEP * 20 + " arrays deep")
                .post(INGESTION, "/v1/batch")
                .json("{\"batch\":[{\"type\":\"track\",\"userId\":\"hostile-1\",\"event\":\"E\"}],\"x\":"
                        + nestedArrays(DEEP * 20) + "}")
                .writeKey(t.writeKey()).expect(400, "body"));

        // Wrong types and missing fields: each named.
        c.add(HostileRequest.of("userId is an object").post(INGESTION, "/v1/identify")
                .json("{\"userId\":{\"$ne\":null},\"traits\":{}}").writeKey(t.writeKey()).expect(400, "userId"));
        c.add(HostileRequest.of("event is a number").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"event\":42}").writeKey(t.writeKey()).expect(400, "event"));
        c.add(HostileRequest.of("traits is a string").post(INGESTION, "/v1/identify")
                .json("{\"userId\":\"hostile-1\",\"traits\":\"<script>alert(1)</script>\"}")
                .writeKey(t.writeKey()).expect(400, "traits"));
        c.add(HostileRequest.of("properties is an array").post(INGESTION, "/v1/page")
                .json("{\"userId\":\"hostile-1\",\"properties\":[1,2]}").writeKey(t.writeKey())
                .expect(400, "properties"));
        c.add(HostileRequest.of("context is a number").post(INGESTION, "/v1/screen")
                .json("{\"userId\":\"hostile-1\",\"context\":7}").writeKey(t.writeKey()).expect(400, "context"));
        c.add(HostileRequest.of("a user id of 10,000 characters").post(INGESTION, "/v1/identify")
                .json("{\"userId\":\"" + "u".repeat(10_000) + "\"}").writeKey(t.writeKey())
                .expect(400, "userId"));
        c.add(HostileRequest.of("unknown type").post(INGESTION, "/v1/batch")
                .json("{\"batch\":[{\"type\":\"purchase\",\"userId\":\"hostile-1\"}]}").writeKey(t.writeKey())
                .expect(400, "batch[0].type"));
        c.add(HostileRequest.of("type missing in a batch").post(INGESTION, "/v1/import")
                .json("{\"batch\":[{\"userId\":\"hostile-1\",\"event\":\"E\"}]}").writeKey(t.writeKey())
                .expect(400, "batch[0].type"));
        c.add(HostileRequest.of("neither userId nor anonymousId").post(INGESTION, "/v1/track")
                .json("{\"event\":\"Order Completed\"}").writeKey(t.writeKey()).expect(400, "userId"));
        c.add(HostileRequest.of("track without event").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"properties\":{}}").writeKey(t.writeKey()).expect(400, "event"));
        c.add(HostileRequest.of("track with a blank event").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"event\":\"   \"}").writeKey(t.writeKey()).expect(400, "event"));
        c.add(HostileRequest.of("group without groupId").post(INGESTION, "/v1/group")
                .json("{\"userId\":\"hostile-1\",\"traits\":{}}").writeKey(t.writeKey()).expect(400, "groupId"));
        c.add(HostileRequest.of("alias without previousId").post(INGESTION, "/v1/alias")
                .json("{\"userId\":\"hostile-1\"}").writeKey(t.writeKey()).expect(400, "previousId"));
        c.add(HostileRequest.of("timestamp that is not a date").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"event\":\"E\",\"timestamp\":\"yesterday\"}")
                .writeKey(t.writeKey()).expect(400, "timestamp"));
        c.add(HostileRequest.of("timestamp with month 13 and hour 99").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"event\":\"E\",\"timestamp\":\"2024-13-45T99:00:00Z\"}")
                .writeKey(t.writeKey()).expect(400, "timestamp"));
        c.add(HostileRequest.of("timestamp before 1970").post(INGESTION, "/v1/identify")
                .json("{\"userId\":\"hostile-1\",\"timestamp\":\"1969-12-31T23:59:59Z\"}").writeKey(t.writeKey())
                .expect(400, "timestamp"));
        c.add(HostileRequest.of("sentAt is a number").post(INGESTION, "/v1/page")
                .json("{\"userId\":\"hostile-1\",\"sentAt\":1700000000}").writeKey(t.writeKey())
                .expect(400, "sentAt"));

        // Sizes.
        c.add(HostileRequest.of("a message over 32 KB").post(INGESTION, "/v1/track")
                .json("{\"userId\":\"hostile-1\",\"event\":\"Big\",\"properties\":{\"blob\":\""
                        + "x".repeat(MAX_EVENT_BYTES + 1) + "\"}}")
                .writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("a message over 32 KB inside a batch").post(INGESTION, "/v1/batch")
                .json("{\"batch\":[{\"type\":\"track\",\"userId\":\"hostile-1\",\"event\":\"Small\"},"
                        + "{\"type\":\"track\",\"userId\":\"hostile-1\",\"event\":\"Big\",\"properties\":{\"blob\":\""
                        + "x".repeat(MAX_EVENT_BYTES + 1) + "\"}}]}")
                .writeKey(t.writeKey()).expect(400, "batch[1]"));
        c.add(HostileRequest.of("a batch over 500 KB").post(INGESTION, "/v1/batch").json(bigBatch(MAX_BATCH_BYTES))
                .writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("a body over the HTTP layer's 4 MB").post(INGESTION, "/v1/import")
                .json(bigBatch(HTTP_BODY_LIMIT + 1024)).writeKey(t.writeKey()).expectBare(413));
        c.add(HostileRequest.of("one bad message among good ones").post(INGESTION, "/v1/batch")
                .json("{\"batch\":["
                        + "{\"type\":\"identify\",\"userId\":\"hostile-1\",\"traits\":{\"plan\":\"pro\"}},"
                        + "{\"type\":\"track\",\"userId\":\"hostile-1\",\"event\":\"Viewed\"},"
                        + "{\"type\":\"track\",\"userId\":\"hostile-1\"},"
                        + "{\"type\":\"page\",\"userId\":\"hostile-1\",\"name\":\"Home\"}]}")
                .writeKey(t.writeKey()).expect(400, "batch[2].event"));
        c.add(HostileRequest.of("batch is not an array").post(INGESTION, "/v1/batch")
                .json("{\"batch\":{\"type\":\"track\"}}").writeKey(t.writeKey()).expect(400, "batch"));
        c.add(HostileRequest.of("batch is empty").post(INGESTION, "/v1/import").json("{\"batch\":[]}")
                .writeKey(t.writeKey()).expect(400, "batch"));
        c.add(HostileRequest.of("no batch at all").post(INGESTION, "/v1/batch")
                .json("{\"sentAt\":\"2024-01-01T00:00:00Z\"}").writeKey(t.writeKey()).expect(400, "batch"));
        c.add(HostileRequest.of("a batch message that is a string").post(INGESTION, "/v1/batch")
                .json("{\"batch\":[{\"type\":\"track\",\"userId\":\"hostile-1\",\"event\":\"E\"},\"oops\"]}")
                .writeKey(t.writeKey()).expect(400, "batch[1]"));
        c.add(HostileRequest.of("batch context is a string").post(INGESTION, "/v1/batch")
                .json("{\"context\":\"x\",\"batch\":[{\"type\":\"track\",\"userId\":\"hostile-1\","
                        + "\"event\":\"E\"}]}")
                .writeKey(t.writeKey()).expect(400, "context"));

        // Encodings and content types.
        c.add(HostileRequest.of("gzip announced, plain JSON sent").post(INGESTION, "/v1/track").json(track)
                .header("Content-Encoding", "gzip").writeKey(t.writeKey()).expect(400, "Content-Encoding"));
        byte[] gzipped = gzip(track.getBytes(StandardCharsets.UTF_8));
        c.add(HostileRequest.of("truncated gzip").post(INGESTION, "/v1/track")
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .bytes(Arrays.copyOf(gzipped, gzipped.length / 2)).writeKey(t.writeKey())
                .expect(400, "Content-Encoding"));
        c.add(HostileRequest.of("gzip bomb: " + gzipBomb().length / 1024 + " KB expanding to "
                + BOMB_BYTES / (1024 * 1024) + " MB").post(INGESTION, "/v1/batch")
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip").bytes(gzipBomb())
                .writeKey(t.writeKey()).expect(400, "body"));
        c.add(HostileRequest.of("unsupported Content-Encoding").post(INGESTION, "/v1/track").json(track)
                .header("Content-Encoding", "br").writeKey(t.writeKey()).expect(415, "Content-Encoding"));
        c.add(HostileRequest.of("XML content type").post(INGESTION, "/v1/track")
                .header("Content-Type", "application/xml")
                .bytes("<track><userId>hostile-1</userId></track>".getBytes(StandardCharsets.UTF_8))
                .writeKey(t.writeKey()).expect(415, "Content-Type"));
        c.add(HostileRequest.of("form content type").post(INGESTION, "/v1/identify")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .bytes("userId=hostile-1".getBytes(StandardCharsets.UTF_8)).writeKey(t.writeKey())
                .expect(415, "Content-Type"));

        // Methods and paths that are not the API.
        c.add(HostileRequest.of("GET on a tracking call").get(INGESTION, "/v1/track").writeKey(t.writeKey())
                .expectProblem(405));
        c.add(HostileRequest.of("PUT on batch").put(INGESTION, "/v1/batch").json(batch).writeKey(t.writeKey())
                .expectProblem(405));
        c.add(HostileRequest.of("DELETE on identify").delete(INGESTION, "/v1/identify").writeKey(t.writeKey())
                .expectProblem(405));
        c.add(HostileRequest.of("a call Segment does not have").post(INGESTION, "/v1/purchase").json(track)
                .writeKey(t.writeKey()).expectProblem(404));
    }

    // ---------------------------------------------------------------- ingestion-service: the admin API

    private static void ingestionAdmin(List<HostileRequest> c, Targets t) {
        String source = "/admin/sources/" + t.sourceId();
        c.add(HostileRequest.of("sources without a token").get(INGESTION, "/admin/sources").expect(401,
                "Authorization"));
        c.add(HostileRequest.of("sources with a wrong token").get(INGESTION, "/admin/sources")
                .bearer(UUID.randomUUID().toString()).expect(401, "Authorization"));
        c.add(HostileRequest.of("the admin token as Basic credentials").post(INGESTION, "/admin/sources")
                .json("{\"name\":\"intruder\"}").writeKey(t.adminToken()).expect(401, "Authorization"));
        c.add(HostileRequest.of("the admin token less its last character").post(INGESTION, "/admin/sources")
                .json("{\"name\":\"intruder\"}")
                .bearer(t.adminToken().substring(0, t.adminToken().length() - 1)).expect(401, "Authorization"));
        c.add(HostileRequest.of("the admin token with something appended").post(INGESTION, "/admin/sources")
                .json("{\"name\":\"intruder\"}").bearer(t.adminToken() + "0").expect(401, "Authorization"));
        c.add(HostileRequest.of("rotate a key without a token").post(INGESTION, source + "/rotate")
                .expect(401, "Authorization"));
        c.add(HostileRequest.of("revoke a source without a token").post(INGESTION, source + "/revoke")
                .expect(401, "Authorization"));
        c.add(HostileRequest.of("a source without a name").post(INGESTION, "/admin/sources").json("{}")
                .bearer(t.adminToken()).expect(400, "name"));
        c.add(HostileRequest.of("a source with a blank name").post(INGESTION, "/admin/sources")
                .json("{\"name\":\"   \"}").bearer(t.adminToken()).expect(400, "name"));
        c.add(HostileRequest.of("a source name of 201 characters").post(INGESTION, "/admin/sources")
                .json("{\"name\":\"" + "n".repeat(201) + "\"}").bearer(t.adminToken()).expect(400, "name"));
        c.add(HostileRequest.of("a source name that is an object").post(INGESTION, "/admin/sources")
                .json("{\"name\":{\"first\":\"x\"}}").bearer(t.adminToken()).expect(400, "name"));
        c.add(HostileRequest.of("a source body that is not JSON").post(INGESTION, "/admin/sources")
                .json("{\"name\":").bearer(t.adminToken()).expect(400, "body"));
        c.add(HostileRequest.of("a source as plain text").post(INGESTION, "/admin/sources")
                .header("Content-Type", "text/plain").bytes("name=x".getBytes(StandardCharsets.UTF_8))
                .bearer(t.adminToken()).expectProblem(415));
        c.add(HostileRequest.of("a negative grace period").post(INGESTION, source + "/rotate?graceSeconds=-1")
                .bearer(t.adminToken()).expect(400, "graceSeconds"));
        c.add(HostileRequest.of("a grace period over a week").post(INGESTION, source + "/rotate?graceSeconds=604801")
                .bearer(t.adminToken()).expect(400, "graceSeconds"));
        c.add(HostileRequest.of("revoke an unknown source").post(INGESTION,
                "/admin/sources/" + UUID.randomUUID() + "/revoke").bearer(t.adminToken()).expect(404, "id"));
        c.add(HostileRequest.of("a source id that is not a UUID").get(INGESTION, "/admin/sources/1%20OR%201=1")
                .bearer(t.adminToken()).expectProblem(404));
        c.add(HostileRequest.of("DELETE on sources").delete(INGESTION, "/admin/sources").bearer(t.adminToken())
                .expectProblem(405));

        String webhooks = source + "/webhooks";
        c.add(HostileRequest.of("webhooks without a token").get(INGESTION, webhooks).expect(401, "Authorization"));
        c.add(HostileRequest.of("create a webhook with a wrong token").post(INGESTION, webhooks)
                .json("{\"kind\":\"typeform\"}").bearer("wrong").expect(401, "Authorization"));
        c.add(HostileRequest.of("a webhook of an unknown kind").post(INGESTION, webhooks)
                .json("{\"kind\":\"slack\"}").bearer(t.adminToken()).expect(400, "kind"));
        c.add(HostileRequest.of("a Zendesk webhook without its secret").post(INGESTION, webhooks)
                .json("{\"kind\":\"zendesk\"}").bearer(t.adminToken()).expect(400, "secret"));
        c.add(HostileRequest.of("a webhook secret too short").post(INGESTION, webhooks)
                .json("{\"kind\":\"typeform\",\"secret\":\"short\"}").bearer(t.adminToken()).expect(400, "secret"));
        c.add(HostileRequest.of("a webhook with an unknown field").post(INGESTION, webhooks)
                .json("{\"kind\":\"typeform\",\"sourceId\":\"" + UUID.randomUUID() + "\"}").bearer(t.adminToken())
                .expect(400, "sourceId"));
        c.add(HostileRequest.of("a Zendesk pointer that is not a pointer").post(INGESTION, webhooks)
                .json("{\"kind\":\"zendesk\",\"secret\":\"" + "s".repeat(24)
                        + "\",\"settings\":{\"paths\":{\"event\":\"type\"}}}")
                .bearer(t.adminToken()).expectProblem(400));
        c.add(HostileRequest.of("a webhook body that is an array").post(INGESTION, webhooks).json("[]")
                .bearer(t.adminToken()).expect(400, "body"));
        c.add(HostileRequest.of("a webhook of an unknown source").post(INGESTION,
                "/admin/sources/" + UUID.randomUUID() + "/webhooks").json("{\"kind\":\"typeform\"}")
                .bearer(t.adminToken()).expect(404, "id"));
        c.add(HostileRequest.of("disable an unknown webhook").delete(INGESTION,
                webhooks + "/" + UUID.randomUUID()).bearer(t.adminToken()).expect(404, "id"));
        c.add(HostileRequest.of("disable a webhook without a token").delete(INGESTION,
                webhooks + "/" + t.typeformId()).expect(401, "Authorization"));

        c.add(HostileRequest.of("a deletion without a token").post(INGESTION, "/admin/deletions")
                .json("{\"userId\":\"" + t.userId() + "\"}").expect(401, "Authorization"));
        c.add(HostileRequest.of("a deletion with a wrong token").post(INGESTION, "/admin/deletions")
                .json("{\"userId\":\"" + t.userId() + "\"}").bearer(UUID.randomUUID().toString())
                .expect(401, "Authorization"));
        c.add(HostileRequest.of("a deletion without userId").post(INGESTION, "/admin/deletions").json("{}")
                .bearer(t.adminToken()).expect(400, "userId"));
        c.add(HostileRequest.of("a deletion of a blank userId").post(INGESTION, "/admin/deletions")
                .json("{\"userId\":\" \"}").bearer(t.adminToken()).expect(400, "userId"));
        c.add(HostileRequest.of("a deletion userId of 2,000 characters").post(INGESTION, "/admin/deletions")
                .json("{\"userId\":\"" + "u".repeat(2000) + "\"}").bearer(t.adminToken()).expect(400, "userId"));
        c.add(HostileRequest.of("a deletion body that is not JSON").post(INGESTION, "/admin/deletions")
                .json("{\"userId\":\"" + t.userId()).bearer(t.adminToken()).expect(400, "body"));
        c.add(HostileRequest.of("a deletion body that is null").post(INGESTION, "/admin/deletions").json("null")
                .bearer(t.adminToken()).expectProblem(400));
        c.add(HostileRequest.of("GET on deletions").get(INGESTION, "/admin/deletions").bearer(t.adminToken())
                .expectProblem(405));
    }

    // ---------------------------------------------------------------- ingestion-service: signed webhooks

    private static void ingestionWebhooks(List<HostileRequest> c, Targets t) {
        String typeform = "/v1/webhooks/typeform/" + t.typeformId();
        String zendesk = "/v1/webhooks/zendesk/" + t.zendeskId();
        String response = "{\"event_type\":\"form_response\",\"form_response\":{\"token\":\"tok-1\","
                + "\"submitted_at\":\"2024-05-01T10:00:00Z\",\"form_id\":\"f1\",\"hidden\":{\"user_id\":\"hostile-1\"},"
                + "\"answers\":[]}}";
        byte[] responseBytes = response.getBytes(StandardCharsets.UTF_8);
        String ticket = "{\"event\":\"ticket_created\",\"ticket\":{\"id\":\"77\",\"subject\":\"Help\"},"
                + "\"requester\":{\"external_id\":\"hostile-1\"}}";
        byte[] ticketBytes = ticket.getBytes(StandardCharsets.UTF_8);
        String now = Instant.now().toString();
        String stale = Instant.now().minus(Duration.ofHours(2)).toString();

        c.add(HostileRequest.of("Typeform: unknown endpoint").post(INGESTION, "/v1/webhooks/typeform/"
                + UUID.randomUUID()).json(response).header("Typeform-Signature",
                        typeformSignature(t.typeformSecret(), responseBytes))
                .expect(401, "Typeform-Signature"));
        c.add(HostileRequest.of("Typeform: an endpoint id that is not a UUID").post(INGESTION,
                "/v1/webhooks/typeform/..%2F..%2Fadmin%2Fsources").json(response)
                .header("Typeform-Signature", typeformSignature(t.typeformSecret(), responseBytes))
                .expect(401, "Typeform-Signature"));
        c.add(HostileRequest.of("Typeform: the Zendesk endpoint's id").post(INGESTION, "/v1/webhooks/typeform/"
                + t.zendeskId()).json(response).header("Typeform-Signature",
                        typeformSignature(t.zendeskSecret(), responseBytes))
                .expect(401, "Typeform-Signature"));
        c.add(HostileRequest.of("Typeform: no signature").post(INGESTION, typeform).json(response)
                .expect(401, "Typeform-Signature"));
        c.add(HostileRequest.of("Typeform: signed with another secret").post(INGESTION, typeform).json(response)
                .header("Typeform-Signature", typeformSignature("another secret of some length", responseBytes))
                .expect(401, "Typeform-Signature"));
        c.add(HostileRequest.of("Typeform: a genuine signature of another body").post(INGESTION, typeform)
                .json(response.replace("hostile-1", "victim-9"))
                .header("Typeform-Signature", typeformSignature(t.typeformSecret(), responseBytes))
                .expect(401, "Typeform-Signature"));
        c.add(HostileRequest.of("Typeform: a signature that is not base64").post(INGESTION, typeform)
                .json(response).header("Typeform-Signature", "sha256=***").expect(401, "Typeform-Signature"));
        String noResponse = "{\"event_type\":\"form_response\"}";
        c.add(HostileRequest.of("Typeform: authentic but without form_response").post(INGESTION, typeform)
                .json(noResponse).header("Typeform-Signature",
                        typeformSignature(t.typeformSecret(), noResponse.getBytes(StandardCharsets.UTF_8)))
                .expect(400, "form_response"));
        String notJson = "{\"event_type\":";
        c.add(HostileRequest.of("Typeform: authentic but not JSON").post(INGESTION, typeform).json(notJson)
                .header("Typeform-Signature",
                        typeformSignature(t.typeformSecret(), notJson.getBytes(StandardCharsets.UTF_8)))
                .expect(400, "body"));
        c.add(HostileRequest.of("Typeform: GET").get(INGESTION, typeform).expectProblem(405));

        c.add(HostileRequest.of("Zendesk: unknown endpoint").post(INGESTION, "/v1/webhooks/zendesk/"
                + UUID.randomUUID()).json(ticket)
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(t.zendeskSecret(), now, ticketBytes))
                .header("X-Zendesk-Webhook-Signature-Timestamp", now)
                .expect(401, "X-Zendesk-Webhook-Signature"));
        c.add(HostileRequest.of("Zendesk: no signature").post(INGESTION, zendesk).json(ticket)
                .header("X-Zendesk-Webhook-Signature-Timestamp", now).expect(401, "X-Zendesk-Webhook-Signature"));
        c.add(HostileRequest.of("Zendesk: no timestamp").post(INGESTION, zendesk).json(ticket)
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(t.zendeskSecret(), now, ticketBytes))
                .expect(401, "X-Zendesk-Webhook-Signature-Timestamp"));
        c.add(HostileRequest.of("Zendesk: forged signature").post(INGESTION, zendesk).json(ticket)
                .header("X-Zendesk-Webhook-Signature", zendeskSignature("forged secret of some length", now,
                        ticketBytes))
                .header("X-Zendesk-Webhook-Signature-Timestamp", now).expect(401, "X-Zendesk-Webhook-Signature"));
        c.add(HostileRequest.of("Zendesk: genuine signature, timestamp changed").post(INGESTION, zendesk)
                .json(ticket)
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(t.zendeskSecret(), stale, ticketBytes))
                .header("X-Zendesk-Webhook-Signature-Timestamp", now).expect(401, "X-Zendesk-Webhook-Signature"));
        c.add(HostileRequest.of("Zendesk: a replay signed two hours ago").post(INGESTION, zendesk).json(ticket)
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(t.zendeskSecret(), stale, ticketBytes))
                .header("X-Zendesk-Webhook-Signature-Timestamp", stale)
                .expect(401, "X-Zendesk-Webhook-Signature-Timestamp"));
        String noTicket = "{\"event\":\"ticket_created\",\"requester\":{\"external_id\":\"hostile-1\"}}";
        c.add(HostileRequest.of("Zendesk: authentic but without a ticket id").post(INGESTION, zendesk)
                .json(noTicket)
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(t.zendeskSecret(), now,
                        noTicket.getBytes(StandardCharsets.UTF_8)))
                .header("X-Zendesk-Webhook-Signature-Timestamp", now).expectProblem(400));
    }

    // ---------------------------------------------------------------- campaign-service: tracking links

    private static void campaignTracking(List<HostileRequest> c, Targets t) {
        String open = payload("o", null);
        String click = payload("c", "https://shop.example.com/sale");
        String evil = payload("c", "https://evil.example/phish");
        String unsubscribe = payload("u", null);
        String otherKey = "another key of at least thirty-two characters";

        c.add(HostileRequest.of("garbage token").get(CAMPAIGN, "/t/o/garbage").expectBare(404));
        c.add(HostileRequest.of("garbage token with dots").get(CAMPAIGN, "/t/c/a.b.c").expectBare(404));
        c.add(HostileRequest.of("empty signature").get(CAMPAIGN, "/t/u/" + encode(unsubscribe) + ".")
                .expectBare(404));
        c.add(HostileRequest.of("payload without a signature").post(CAMPAIGN, "/t/u/" + encode(unsubscribe))
                .expectBare(404));
        String genuineClick = token(click, t.trackingKey());
        c.add(HostileRequest.of("truncated token").get(CAMPAIGN, "/t/c/"
                + genuineClick.substring(0, genuineClick.length() - 6)).expectBare(404));
        c.add(HostileRequest.of("open token signed with another key").get(CAMPAIGN, "/t/o/" + token(open, otherKey))
                .expectBare(404));
        c.add(HostileRequest.of("redirect to another site with a wrong HMAC").get(CAMPAIGN, "/t/c/"
                + token(evil, otherKey)).expectBare(404));
        c.add(HostileRequest.of("redirect to another site under a genuine link's HMAC").get(CAMPAIGN, "/t/c/"
                + encode(evil) + genuineClick.substring(genuineClick.indexOf('.'))).expectBare(404));
        c.add(HostileRequest.of("unsubscribe with a wrong HMAC, one click").post(CAMPAIGN, "/t/u/"
                + token(unsubscribe, otherKey)).header("Content-Type", "application/x-www-form-urlencoded")
                .bytes("List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8)).expectBare(404));
        c.add(HostileRequest.of("unsubscribe with a wrong HMAC, link").get(CAMPAIGN, "/t/u/"
                + token(unsubscribe, otherKey)).expectBare(404));
        // Signed with the installation's own key, so only the checks after the signature can refuse them.
        c.add(HostileRequest.of("a genuine click token at the open pixel").get(CAMPAIGN, "/t/o/" + genuineClick)
                .expectBare(404));
        c.add(HostileRequest.of("a genuine open token at the unsubscribe link").post(CAMPAIGN, "/t/u/"
                + token(open, t.trackingKey())).expectBare(404));
        c.add(HostileRequest.of("a signed click to a javascript: URL").get(CAMPAIGN, "/t/c/"
                + token(payload("c", "javascript:alert(document.cookie)"), t.trackingKey())).expectBare(404));
        c.add(HostileRequest.of("a signed click to a scheme-relative URL").get(CAMPAIGN, "/t/c/"
                + token(payload("c", "//evil.example/phish"), t.trackingKey())).expectBare(404));
        c.add(HostileRequest.of("a signed token of an unknown version").get(CAMPAIGN, "/t/o/"
                + token(open.replace("\"v\":1", "\"v\":2"), t.trackingKey())).expectBare(404));
        c.add(HostileRequest.of("a signed unsubscribe of an unknown channel").get(CAMPAIGN, "/t/u/"
                + token(unsubscribe.replace("\"email\"", "\"fax\""), t.trackingKey())).expectBare(404));
        c.add(HostileRequest.of("a token of 3,001 characters").get(CAMPAIGN, "/t/o/" + "A".repeat(1500) + "."
                + "B".repeat(1500)).expectBare(404));
        // Longer than the HTTP layer takes a request line (4,096 bytes): refused before the service sees it.
        c.add(HostileRequest.of("a token of 8,001 characters").get(CAMPAIGN, "/t/o/" + "A".repeat(4000) + "."
                + "B".repeat(4000)).expectBare(414));
        c.add(HostileRequest.of("POST to a click link").post(CAMPAIGN, "/t/c/" + token(evil, otherKey))
                .expectProblem(405));
        c.add(HostileRequest.of("POST to the open pixel").post(CAMPAIGN, "/t/o/" + token(open, otherKey))
                .expectProblem(405));
    }

    // ---------------------------------------------------------------- campaign-service: journeys

    private static void campaignJourneys(List<HostileRequest> c, Targets t) {
        String journey = "/api/journeys/" + t.journeyKey();
        c.add(HostileRequest.of("a journey sending by fax").post(CAMPAIGN, "/api/journeys")
                .json("{\"key\":\"hostile_fax\",\"name\":\"X\",\"trigger\":{\"type\":\"event\",\"event\":\"A\"},"
                        + "\"steps\":[{\"id\":\"s\",\"type\":\"send\",\"channel\":\"fax\",\"template\":\"t\"}]}")
                .expect(400, "/steps/0/channel"));
        c.add(HostileRequest.of("a journey without steps").post(CAMPAIGN, "/api/journeys")
                .json("{\"key\":\"hostile_empty\",\"name\":\"X\",\"trigger\":{\"type\":\"event\",\"event\":\"A\"}}")
                .expect(400, "/steps"));
        c.add(HostileRequest.of("a journey with an unknown trigger").post(CAMPAIGN, "/api/journeys")
                .json("{\"key\":\"hostile_trigger\",\"name\":\"X\",\"trigger\":{\"type\":\"moon_phase\"},"
                        + "\"steps\":[{\"id\":\"w\",\"type\":\"wait\",\"duration\":\"P1D\"}]}")
                .expect(400, "/trigger/type"));
        c.add(HostileRequest.of("a journey key with a path in it").post(CAMPAIGN, "/api/journeys")
                .json("{\"key\":\"../../etc\",\"name\":\"X\",\"trigger\":{\"type\":\"event\",\"event\":\"A\"},"
                        + "\"steps\":[{\"id\":\"w\",\"type\":\"wait\",\"duration\":\"P1D\"}]}")
                .expect(400, "/key"));
        c.add(HostileRequest.of("a journey body that is not JSON").post(CAMPAIGN, "/api/journeys")
                .json("{\"key\":").expect(400, "body"));
        c.add(HostileRequest.of("a journey body that is null").post(CAMPAIGN, "/api/journeys").json("null")
                .expect(400, "body"));
        c.add(HostileRequest.of("a journey nested " + DEEP + " levels deep").post(CAMPAIGN, "/api/journeys")
                .json("{\"key\":\"hostile_deep\",\"steps\":" + nestedArrays(DEEP) + "}").expect(400, "body"));
        c.add(HostileRequest.of("a journey as XML").post(CAMPAIGN, "/api/journeys")
                .header("Content-Type", "application/xml").bytes("<journey/>".getBytes(StandardCharsets.UTF_8))
                .expectProblem(415));
        c.add(HostileRequest.of("a new version waiting forever").put(CAMPAIGN, journey)
                .json("{\"key\":\"" + t.journeyKey() + "\",\"name\":\"X\",\"trigger\":{\"type\":\"event\","
                        + "\"event\":\"A\"},\"steps\":[{\"id\":\"w\",\"type\":\"wait\",\"duration\":\"forever\"}]}")
                .expect(400, "/steps/0/duration"));
        c.add(HostileRequest.of("activate an unknown journey").post(CAMPAIGN, "/api/journeys/hostile_nothing/activate")
                .expectProblem(404));
        c.add(HostileRequest.of("copy an unknown ready-made journey").post(CAMPAIGN,
                "/api/journeys/library/no_such_journey").expectProblem(404));
        c.add(HostileRequest.of("a version that is not a number").get(CAMPAIGN, journey + "/versions/abc")
                .expectProblem(404));
    }

    // ---------------------------------------------------------------- campaign-service: templates

    private static void campaignTemplates(List<HostileRequest> c, Targets t) {
        String template = "/api/templates/" + t.templateKey();
        c.add(HostileRequest.of("a template with an unterminated section").post(CAMPAIGN, "/api/templates")
                .json(email("hostile_broken", "{#if contact.orders > 0}<p>Hi", "Hi")).expect(400, "html"));
        c.add(HostileRequest.of("a template with an unclosed expression").post(CAMPAIGN, "/api/templates")
                .json(email("hostile_broken", "<p>Hi</p>", "Hi {traits.first_name")).expect(400, "text"));
        c.add(HostileRequest.of("a template reading outside its data").post(CAMPAIGN, "/api/templates")
                .json(email("hostile_outside", "<p>{config:['quarkus.datasource.password']}</p>", "Hi"))
                .expect(400, "html"));
        c.add(HostileRequest.of("a template of an unknown channel").post(CAMPAIGN, "/api/templates")
                .json("{\"key\":\"hostile_fax\",\"channel\":\"fax\",\"body\":\"Hi\"}").expect(400, "channel"));
        c.add(HostileRequest.of("a template key with a path in it").post(CAMPAIGN, "/api/templates")
                .json(email("../etc/passwd", "<p>Hi</p>", "Hi")).expect(400, "key"));
        c.add(HostileRequest.of("an email template without text").post(CAMPAIGN, "/api/templates")
                .json("{\"key\":\"hostile_notext\",\"channel\":\"email\",\"subject\":\"S\",\"html\":\"<p>Hi</p>\"}")
                .expect(400, "text"));
        c.add(HostileRequest.of("a webhook payload that is not JSON").post(CAMPAIGN, "/api/templates")
                .json("{\"key\":\"hostile_hook\",\"channel\":\"webhook\",\"payload\":\"{not json\"}")
                .expect(400, "payload"));
        c.add(HostileRequest.of("a template body that is not JSON").post(CAMPAIGN, "/api/templates")
                .json("{\"key\":\"x\",").expect(400, "body"));
        c.add(HostileRequest.of("a new version with a syntax error").put(CAMPAIGN, template)
                .json(email(t.templateKey(), "<p>{#for}</p>", "Hi")).expect(400, "html"));
        c.add(HostileRequest.of("a new version on another channel").put(CAMPAIGN, template)
                .json("{\"key\":\"" + t.templateKey() + "\",\"channel\":\"sms\",\"body\":\"Hi\"}")
                .expect(400, "channel"));
        c.add(HostileRequest.of("a preview without a contact").post(CAMPAIGN, template + "/preview").json("{}")
                .expect(400, "contact"));
        c.add(HostileRequest.of("a preview of an unknown template").post(CAMPAIGN,
                "/api/templates/hostile_nothing/preview").json("{\"contact\":{\"customerKey\":\"x\"}}")
                .expectProblem(404));
        c.add(HostileRequest.of("version 0 of a template").get(CAMPAIGN, template + "/versions/0").expectProblem(404));
        c.add(HostileRequest.of("delete an unknown template").delete(CAMPAIGN, "/api/templates/hostile_nothing")
                .expectProblem(404));
    }

    // ---------------------------------------------------------------- segmentation-service

    private static void segmentation(List<HostileRequest> c, Targets t) {
        c.add(HostileRequest.of("a segment with an unknown operator").post(SEGMENTATION, "/api/segments")
                .json("{\"key\":\"hostile_seg\",\"name\":\"X\",\"rule\":{\"revenue\":{\"between\":[1,2]}}}")
                .expectProblem(400));
        c.add(HostileRequest.of("a segment with a built-in key").post(SEGMENTATION, "/api/segments")
                .json("{\"key\":\"stage.hostile\",\"name\":\"X\",\"rule\":{\"orders\":{\"gte\":1}}}")
                .expect(400, "/key"));
        c.add(HostileRequest.of("a segment without a rule").post(SEGMENTATION, "/api/segments")
                .json("{\"key\":\"hostile_norule\",\"name\":\"X\"}").expect(400, "/rule"));
        c.add(HostileRequest.of("a segment with an unknown field").post(SEGMENTATION, "/api/segments")
                .json("{\"key\":\"hostile_x\",\"name\":\"X\",\"rule\":{\"orders\":{\"gte\":1}},\"sql\":\"drop\"}")
                .expect(400, "/sql"));
        c.add(HostileRequest.of("a segment window beyond the kept history").post(SEGMENTATION, "/api/segments")
                .json("{\"key\":\"hostile_window\",\"name\":\"X\",\"rule\":{\"orders\":{\"gte\":1},"
                        + "\"within_days\":100000}}")
                .expectProblem(400));
        c.add(HostileRequest.of("a segment body that is not JSON").post(SEGMENTATION, "/api/segments")
                .json("{\"key\":").expect(400, "body"));
        c.add(HostileRequest.of("a segment rule nested " + DEEP + " levels deep").post(SEGMENTATION, "/api/segments")
                .json("{\"key\":\"hostile_deep\",\"name\":\"X\",\"rule\":" + nestedObjects(DEEP) + "}")
                .expect(400, "body"));
        c.add(HostileRequest.of("change a built-in segment").put(SEGMENTATION, "/api/segments/stage.active")
                .json("{\"name\":\"X\",\"rule\":{\"orders\":{\"gte\":1}}}").expect(400, "key"));
        c.add(HostileRequest.of("delete a built-in segment").delete(SEGMENTATION, "/api/segments/rfm.champions")
                .expect(400, "key"));
        c.add(HostileRequest.of("a new version with a bad rule").put(SEGMENTATION, "/api/segments/" + t.segmentKey())
                .json("{\"name\":\"X\",\"rule\":{\"revenue\":{\"gte\":\"lots\"}}}").expectProblem(400));
        c.add(HostileRequest.of("delete an unknown segment").delete(SEGMENTATION, "/api/segments/hostile_nothing")
                .expectProblem(404));

        c.add(HostileRequest.of("a stage model without stages").post(SEGMENTATION, "/api/stage-models")
                .json("{\"definition\":{\"stages\":[]}}").expectProblem(400));
        c.add(HostileRequest.of("a stage model whose last stage has a rule").post(SEGMENTATION, "/api/stage-models")
                .json("{\"definition\":{\"stages\":[{\"key\":\"vip\",\"name\":\"VIP\","
                        + "\"when\":{\"orders\":{\"gte\":5}}}]}}")
                .expectProblem(400));
        c.add(HostileRequest.of("a stage model with a stage twice").post(SEGMENTATION, "/api/stage-models")
                .json("{\"definition\":{\"stages\":[{\"key\":\"a\",\"name\":\"A\",\"when\":{\"orders\":{\"gte\":1}}},"
                        + "{\"key\":\"a\",\"name\":\"A again\"}]}}")
                .expectProblem(400));
        c.add(HostileRequest.of("a stage model with an unknown field").post(SEGMENTATION, "/api/stage-models")
                .json("{\"definition\":{\"stages\":[{\"key\":\"lead\",\"name\":\"Lead\"}]},\"activate\":true}")
                .expect(400, "/activate"));
        c.add(HostileRequest.of("a stage model that is an array").post(SEGMENTATION, "/api/stage-models").json("[]")
                .expect(400, "body"));
        c.add(HostileRequest.of("activate an unknown stage model").post(SEGMENTATION, "/api/stage-models/999/activate")
                .expectProblem(404));
        c.add(HostileRequest.of("activate a stage model that is not a number").post(SEGMENTATION,
                "/api/stage-models/latest/activate").expectProblem(404));

        c.add(HostileRequest.of("limit 0").get(SEGMENTATION, "/api/profiles?limit=0").expect(400, "limit"));
        c.add(HostileRequest.of("limit over 1000").get(SEGMENTATION, "/api/profiles?limit=100000").expect(400,
                "limit"));
        c.add(HostileRequest.of("limit that is not a number").get(SEGMENTATION, "/api/profiles?limit=ten")
                .expect(400, "limit"));
        c.add(HostileRequest.of("limit given twice").get(SEGMENTATION, "/api/profiles?limit=1&limit=2").expect(400,
                "limit"));
        c.add(HostileRequest.of("a cursor that is not base64").get(SEGMENTATION, "/api/profiles?cursor=%27%3B--")
                .expect(400, "cursor"));
        c.add(HostileRequest.of("a cursor of the wrong length").get(SEGMENTATION, "/api/profiles?cursor=AAAA")
                .expect(400, "cursor"));
        c.add(HostileRequest.of("a misspelt filter").get(SEGMENTATION, "/api/profiles?stag=active").expect(400,
                "stag"));
        c.add(HostileRequest.of("two filters").get(SEGMENTATION, "/api/profiles?stage=active&rfm=champions")
                .expectProblem(400));
        c.add(HostileRequest.of("an unknown stage").get(SEGMENTATION, "/api/profiles?stage=%27%20OR%201%3D1")
                .expect(400, "stage"));
        c.add(HostileRequest.of("export of an unknown segment").get(SEGMENTATION,
                "/api/profiles/export?segment=no_such").expect(400, "segment"));
        c.add(HostileRequest.of("a profile id that is not a UUID").get(SEGMENTATION, "/api/profiles/1%20OR%201=1")
                .expect(400, "id"));
        c.add(HostileRequest.of("an unknown profile").get(SEGMENTATION, "/api/profiles/" + UUID.randomUUID())
                .expectProblem(404));
        c.add(HostileRequest.of("transitions of a profile id that is not a UUID").get(SEGMENTATION,
                "/api/profiles/abc/transitions").expect(400, "id"));
        c.add(HostileRequest.of("the map at a date that is not ISO-8601").get(SEGMENTATION,
                "/api/lifecycle-map?at=yesterday").expect(400, "at"));
        c.add(HostileRequest.of("the map with 11 examples").get(SEGMENTATION, "/api/lifecycle-map?examples=11")
                .expect(400, "examples"));
        c.add(HostileRequest.of("jobs limit 0").get(SEGMENTATION, "/api/jobs?limit=0").expect(400, "limit"));
        c.add(HostileRequest.of("a job id that is not a UUID").get(SEGMENTATION, "/api/jobs/not-a-job")
                .expectProblem(404));
    }

    // ---------------------------------------------------------------- analytics-service: figures

    private static void analytics(List<HostileRequest> c) {
        c.add(HostileRequest.of("February 30th").get(ANALYTICS, "/api/analytics/daily?from=2024-02-30")
                .expect(400, "from"));
        c.add(HostileRequest.of("a range ending before it starts").get(ANALYTICS,
                "/api/analytics/daily?from=2024-03-10&to=2024-03-01").expect(400, "from"));
        c.add(HostileRequest.of("a range of a century").get(ANALYTICS,
                "/api/analytics/summary?from=1924-01-01&to=2024-01-01").expect(400, "from"));
        c.add(HostileRequest.of("to that is not a date").get(ANALYTICS, "/api/analytics/summary?to=yesterday")
                .expect(400, "to"));
        c.add(HostileRequest.of("flows to a date that is not ISO-8601").get(ANALYTICS,
                "/api/analytics/flows?to=01/02/2024").expect(400, "to"));
        c.add(HostileRequest.of("reactivations from the year 0").get(ANALYTICS,
                "/api/analytics/reactivations?from=0000-00-00").expect(400, "from"));
        c.add(HostileRequest.of("a stage name of 201 characters").get(ANALYTICS,
                "/api/analytics/stages?stage=" + "s".repeat(201)).expect(400, "stage"));
        c.add(HostileRequest.of("month 13").get(ANALYTICS, "/api/analytics/cohorts?from=2024-13").expect(400,
                "from"));
        c.add(HostileRequest.of("an attribution window of 0 days").get(ANALYTICS,
                "/api/analytics/campaigns?windowDays=0").expect(400, "windowDays"));
        c.add(HostileRequest.of("an attribution window that is not a number").get(ANALYTICS,
                "/api/analytics/campaigns?windowDays=7d").expect(400, "windowDays"));
        c.add(HostileRequest.of("an A/B metric that does not exist").get(ANALYTICS,
                "/api/analytics/campaigns/welcome_series/ab-tests?metric=revenue").expect(400, "metric"));
        c.add(HostileRequest.of("a holdout range that is not a date").get(ANALYTICS,
                "/api/analytics/campaigns/welcome_series/holdout?from=2024-1-1").expect(400, "from"));
        c.add(HostileRequest.of("5,000 predictions per page").get(ANALYTICS, "/api/analytics/predictions?size=5000")
                .expect(400, "size"));
        c.add(HostileRequest.of("P(alive) above 1").get(ANALYTICS, "/api/analytics/predictions?minAlive=2")
                .expect(400, "minAlive"));
        c.add(HostileRequest.of("a sort that is SQL").get(ANALYTICS,
                "/api/analytics/predictions?sort=customer%3Bdrop%20table%20customer_order").expect(400, "sort"));
        c.add(HostileRequest.of("one histogram bin").get(ANALYTICS, "/api/analytics/predictions/distribution?bins=1")
                .expect(400, "bins"));
        c.add(HostileRequest.of("a fit of an unknown model").post(ANALYTICS,
                "/api/analytics/predictions/refresh?model=LINEAR").expect(400, "model"));
        c.add(HostileRequest.of("recommendations limit 0").get(ANALYTICS,
                "/api/analytics/recommendations/products/85123A?limit=0").expect(400, "limit"));
        c.add(HostileRequest.of("a support above 1").get(ANALYTICS,
                "/api/analytics/recommendations/products/85123A?minSupport=2").expect(400, "minSupport"));
        c.add(HostileRequest.of("co-purchases of no product").get(ANALYTICS,
                "/api/analytics/recommendations/co-purchases").expect(400, "productId"));
    }

    // ---------------------------------------------------------------- analytics-service: the dashboard path

    private static void dashboard(List<HostileRequest> c) {
        c.add(HostileRequest.of("dot segments out of the dashboard").get(ANALYTICS, "/dashboard/../../etc/passwd")
                .expectBare(404));
        c.add(HostileRequest.of("encoded dot segments").get(ANALYTICS, "/dashboard/%2e%2e/%2e%2e/etc/passwd")
                .expectBare(404));
        c.add(HostileRequest.of("encoded slashes").get(ANALYTICS, "/dashboard/..%2f..%2f..%2fetc%2fpasswd")
                .expectBare(404));
        c.add(HostileRequest.of("double-encoded slashes").get(ANALYTICS,
                "/dashboard/..%252f..%252fapplication.properties").expectBare(404));
        c.add(HostileRequest.of("encoded backslashes").get(ANALYTICS, "/dashboard/..%5c..%5capplication.properties")
                .expectBare(404));
        c.add(HostileRequest.of("overlong UTF-8 dots").get(ANALYTICS, "/dashboard/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd")
                .expectBare(404));
        c.add(HostileRequest.of("the class path's configuration").get(ANALYTICS, "/dashboard/application.properties")
                .expectBare(404));
        c.add(HostileRequest.of("out of the assets' folder")
                .get(ANALYTICS, "/dashboard/js/../../application.properties")
                .expectBare(404));
        c.add(HostileRequest.of("a manifest").get(ANALYTICS, "/dashboard/META-INF/MANIFEST.MF").expectBare(404));
        c.add(HostileRequest.of("a NUL byte before an allowed extension").get(ANALYTICS,
                "/dashboard/application.properties%00.js").expectBare(404));
        c.add(HostileRequest.of("dot segments into the customers' API").get(ANALYTICS,
                "/dashboard/%2e%2e/api/analytics/predictions").expectBare(404));
        c.add(HostileRequest.of("dot segments into the metrics").get(ANALYTICS, "/dashboard/../q/metrics")
                .expectBare(404));
        c.add(HostileRequest.of("a single customer's prediction through the dashboard API").get(ANALYTICS,
                "/dashboard/api/predictions/hostile-1").expectProblem(404));
        c.add(HostileRequest.of("the prediction list through the dashboard API").get(ANALYTICS,
                "/dashboard/api/predictions").expectProblem(404));
        c.add(HostileRequest.of("a customer's recommendations through the dashboard API").get(ANALYTICS,
                "/dashboard/api/recommendations/customers/hostile-1").expectProblem(404));
        c.add(HostileRequest.of("an encoded slash inside an allowed dashboard API path").get(ANALYTICS,
                "/dashboard/api/campaigns/..%2F..%2Fpredictions%2Fhostile-1/holdout").expectProblem(404));
        c.add(HostileRequest.of("dot segments inside the dashboard API").get(ANALYTICS,
                "/dashboard/api/campaigns/%2e%2e/%2e%2e/predictions/hostile-1").expectBare(404));
        c.add(HostileRequest.of("just the parent of the dashboard").get(ANALYTICS, "/dashboard/..").expectBare(404));
        c.add(HostileRequest.of("a fit started through dot segments").post(ANALYTICS,
                "/dashboard/%2e%2e/api/analytics/predictions/refresh").expectBare(404));
        c.add(HostileRequest.of("a single customer's recommendations through dot segments").get(ANALYTICS,
                "/dashboard/js/%2E%2E/%2E%2E/api/analytics/recommendations/customers/hostile-1").expectBare(404));
    }

    // ---------------------------------------------------------------- builders

    private static String email(String key, String html, String text) {
        return "{\"key\":\"" + key + "\",\"channel\":\"email\",\"subject\":\"Hello\",\"html\":\"" + html.replace("\"",
                "\\\"") + "\",\"text\":\"" + text.replace("\"", "\\\"") + "\"}";
    }

    /** A tracking token's payload as campaign-service writes it. */
    private static String payload(String kind, String url) {
        return "{\"v\":1,\"k\":\"" + kind + "\",\"m\":\"" + UUID.randomUUID() + "\",\"c\":\"hostile-1\","
                + "\"ch\":\"email\",\"j\":\"welcome_series\",\"s\":\"welcome\""
                + (url == null ? "" : ",\"u\":\"" + url + "\"") + "}";
    }

    private static String token(String payload, String key) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return encode(payload) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, bytes));
    }

    private static String encode(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String typeformSignature(String secret, byte[] body) {
        return "sha256=" + Base64.getEncoder().encodeToString(hmac(secret, body));
    }

    private static String zendeskSignature(String secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(secret, concat(timestamp, body, "")));
    }

    private static byte[] hmac(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** A valid batch of small track calls just over {@code bytes}. */
    private static String bigBatch(int bytes) {
        String message = "{\"type\":\"track\",\"userId\":\"hostile-1\",\"event\":\"Viewed\",\"properties\":{\"p\":\""
                + "x".repeat(900) + "\"}}";
        StringBuilder batch = new StringBuilder(bytes + 2048).append("{\"batch\":[").append(message);
        while (batch.length() <= bytes) {
            batch.append(',').append(message);
        }
        return batch.append("]}").toString();
    }

    private static byte[] bombCache;

    /** A valid-looking batch whose one string is {@link #BOMB_BYTES} long: a quarter megabyte of gzip. */
    private static synchronized byte[] gzipBomb() {
        if (bombCache == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
                gzip.write(
                        "{\"batch\":[{\"type\":\"track\",\"userId\":\"hostile-1\",\"event\":\"Bomb\",\"properties\":{\"p\":\""
                                .getBytes(StandardCharsets.UTF_8));
                byte[] chunk = new byte[1024 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                for (int i = 0; i < BOMB_BYTES / chunk.length; i++) {
                    gzip.write(chunk);
                }
                gzip.write("\"}}]}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bombCache = out.toByteArray();
        }
        return bombCache;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
