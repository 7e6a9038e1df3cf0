package org.lifecycle.ingestion.webhook.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.signal.NpsCategory;
import org.lifecycle.contracts.event.signal.SignalEvents;
import org.lifecycle.contracts.event.signal.SurveyLinks;
import org.lifecycle.ingestion.problem.Violation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;

/**
 * Turns a Typeform {@code form_response} webhook into a {@code Survey Responded} track event: the customer from the
 * hidden fields (or an email answer), each answer under its question's reference, the NPS score and its category,
 * the CSAT score and Typeform's calculated score. The response token is the message id, so Typeform's retries are
 * the same message.
 *
 * <p>
 * An answer that came through a personal survey link carries the link's hidden fields ({@link SurveyLinks}). When
 * their signature verifies with one of the survey link keys, the answer is the named customer's
 * ({@code link_verified: true}, with the link's survey, journey and step). When it does not (a forged or altered
 * link, or no key to check it with), the answer is kept but attributed to nobody the link names: it is
 * {@code link_verified: false} and its customer is the response itself ({@code anonymousId: typeform:<token>}), so a
 * forger can neither speak for a customer nor change their traits. With {@link TypeformSettings#requireSignedLinks}
 * (the default), hidden fields that name a customer without any signature are treated the same way, so dropping the
 * signature does not get round it; an email typed into an email question is still the respondent's own.
 */
public final class TypeformMapper {

    private TypeformMapper() {
    }

    public static ObjectNode map(JsonNode payload, TypeformSettings settings, List<String> linkKeys,
            List<Violation> violations) {
        if (!payload.isObject()) {
            violations.add(Violation.of("body", "must be a JSON object"));
            return null;
        }
        String eventType = Messages.text(payload.get("event_type"));
        if (!"form_response".equals(eventType)) {
            violations.add(Violation.of("event_type", "must be form_response, the only Typeform webhook event"));
            return null;
        }
        JsonNode response = payload.get("form_response");
        if (response == null || !response.isObject()) {
            violations.add(Violation.of("form_response", "is required: a JSON object"));
            return null;
        }
        String token = Messages.text(response.get("token"));
        if (token == null) {
            violations.add(Violation.of("form_response.token", "is required: the response's token"));
        }
        Instant submittedAt = Messages.instant(Messages.text(response.get("submitted_at")),
                "form_response.submitted_at", violations);
        JsonNode hidden = response.path("hidden");
        String userId = first(hidden, settings.userIdFields());
        String anonymousId = first(hidden, settings.anonymousIdFields());
        String email = first(hidden, settings.emailFields());
        boolean hiddenNamesCustomer = userId != null || anonymousId != null || email != null;

        ObjectNode properties = LifecycleJson.mapper().createObjectNode();
        String formId = Messages.text(response.get("form_id"));
        if (formId != null) {
            properties.put(SignalEvents.SURVEY_ID, formId);
        }
        String title = Messages.text(response.path("definition").get("title"));
        if (title != null) {
            properties.put(SignalEvents.SURVEY_TITLE, title);
        }
        if (token != null) {
            properties.put(SignalEvents.RESPONSE_ID, token);
        }
        ObjectNode answers = properties.putObject(SignalEvents.ANSWERS);
        JsonNode list = response.path("answers");
        for (int i = 0; i < list.size(); i++) {
            JsonNode answer = list.get(i);
            JsonNode field = answer.path("field");
            String ref = Messages.text(field.get("ref"));
            if (ref == null) {
                ref = Messages.text(field.get("id"));
            }
            JsonNode value = value(answer);
            if (ref == null || value == null) {
                continue;
            }
            answers.set(ref, value);
            String fieldType = Messages.text(field.get("type"));
            if (email == null && "email".equals(answer.path("type").asText())
                    && Messages.looksLikeEmail(value.asText())) {
                email = value.asText();
            }
            if (value.isIntegralNumber()) {
                int score = value.asInt();
                boolean nps = "nps".equals(fieldType) || settings.npsRefs().contains(ref);
                if (nps && score >= 0 && score <= 10 && !properties.has(SignalEvents.NPS_SCORE)) {
                    properties.put(SignalEvents.NPS_SCORE, score);
                    properties.put(SignalEvents.NPS_CATEGORY, NpsCategory.of(score).wire());
                }
                if (settings.csatRefs().contains(ref) && !properties.has(SignalEvents.CSAT_SCORE)) {
                    properties.put(SignalEvents.CSAT_SCORE, score);
                }
            }
        }
        JsonNode score = response.path("calculated").get("score");
        if (score != null && score.isNumber()) {
            properties.set(SignalEvents.SCORE, score);
        }
        properties.put(SignalEvents.SIGNAL_SOURCE, "typeform");
        String signature = Messages.text(hidden.get(SurveyLinks.SIGNATURE));
        if (signature == null && hiddenNamesCustomer && settings.requireSignedLinks()) {
            // The hidden fields claim a customer with nothing to prove it: like a forged link, not theirs.
            properties.put(SignalEvents.LINK_VERIFIED, false);
            userId = null;
            email = null;
            anonymousId = token == null ? null : "typeform:" + token;
            Log.warnf("Typeform response %s names a customer in hidden fields without a survey link signature and "
                    + "its endpoint has requireSignedLinks; it is not attributed to that customer", token);
        } else if (signature != null) {
            Map<String, String> fields = new HashMap<>();
            for (String name : SurveyLinks.HIDDEN_FIELDS) {
                String value = Messages.text(hidden.get(name));
                if (value != null) {
                    fields.put(name, value);
                }
            }
            SurveyLinks.Claim claim = SurveyLinks.Claim.of(fields);
            boolean verified = SurveyLinks.verify(linkKeys, claim, signature);
            properties.put(SignalEvents.LINK_VERIFIED, verified);
            // Only what the link's signature covers names the customer; unsigned hidden fields and answers do not.
            userId = null;
            anonymousId = null;
            email = null;
            if (verified) {
                userId = claim.userId();
                properties.put(SignalEvents.SURVEY_KEY, claim.survey());
                properties.put(SignalEvents.JOURNEY_ID, claim.journey());
                properties.put(SignalEvents.STEP_ID, claim.step());
            } else {
                anonymousId = token == null ? null : "typeform:" + token;
                Log.warnf("Typeform response %s came through a survey link whose signature does not verify%s; "
                        + "it is not attributed to the customer the link names", token,
                        linkKeys.isEmpty() ? " (" + SurveyLinkKeys.SETTING + " is not set)" : "");
            }
        }
        if (email != null && !Messages.looksLikeEmail(email)) {
            email = null;
        }
        if (userId == null && anonymousId == null && email == null) {
            violations.add(Violation.of("form_response.hidden",
                    "names no customer: add a hidden field (" + String.join(", ", settings.userIdFields()) + ", "
                            + String.join(", ", settings.anonymousIdFields()) + " or "
                            + String.join(", ", settings.emailFields()) + ") or an email question to the form"));
        }
        if (!violations.isEmpty()) {
            return null;
        }
        return Messages.track(SignalEvents.SURVEY_RESPONDED, "typeform-" + token, submittedAt, userId, anonymousId,
                email, properties);
    }

    private static String first(JsonNode hidden, List<String> names) {
        for (String name : names) {
            String value = Messages.text(hidden.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The answer's value by its type; null for a type without a value. */
    private static JsonNode value(JsonNode answer) {
        String type = answer.path("type").asText();
        JsonNode raw = answer.get(type);
        if (raw == null || raw.isNull()) {
            return null;
        }
        return switch (type) {
            case "choice" -> raw.has("label") ? raw.get("label") : raw.get("other");
            case "choices" -> {
                ArrayNode labels = LifecycleJson.mapper().createArrayNode();
                raw.path("labels").forEach(labels::add);
                if (raw.hasNonNull("other")) {
                    labels.add(raw.get("other"));
                }
                yield labels;
            }
            default -> raw;
        };
    }
}
