package org.lifecycle.contracts.event.signal;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal survey links, signed so that an answer can be trusted to come from the customer the link was made for.
 * campaign-service makes them (a journey's survey step); ingestion-service verifies them when the survey tool's webhook
 * brings the answer back with the link's hidden fields. Both read the keys from {@code LIFECYCLE_SURVEY_LINK_KEYS}.
 *
 * <p>
 * The algorithm, so that any other party can check a link:
 *
 * <pre>
 * message   = "lifecycle-survey-link.v1" + "\n" + survey + "\n" + journey + "\n" + step + "\n" + user_id
 * signature = lowercase hex of HMAC-SHA256(key, UTF-8 bytes of message)
 * link      = form URL + "#" (or "&amp;" when it has a fragment already)
 *             + "user_id=…&amp;survey=…&amp;journey=…&amp;step=…&amp;signature=…" (each value percent-encoded)
 * </pre>
 *
 * The survey, journey and step are keys without line breaks (a link whose fields have one never verifies), and the
 * user id comes last, so no two different sets of fields give the same message. Typeform reads the fragment's
 * parameters as hidden fields and sends them back in {@code form_response.hidden}.
 */
public final class SurveyLinks {

    public static final String USER_ID = "user_id";
    public static final String SURVEY = "survey";
    public static final String JOURNEY = "journey";
    public static final String STEP = "step";
    public static final String SIGNATURE = "signature";

    /** The hidden fields a form must declare to take a signed link, in the order links carry them. */
    public static final List<String> HIDDEN_FIELDS = List.of(USER_ID, SURVEY, JOURNEY, STEP, SIGNATURE);

    private static final String VERSION = "lifecycle-survey-link.v1";

    /**
     * Who a link was made for, and for which survey, sent by which journey step.
     *
     * @param userId the customer's key, as the shop names them
     */
    public record Claim(String userId, String survey, String journey, String step) {

        public Claim {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(journey, "journey");
            Objects.requireNonNull(step, "step");
        }

        /** The claim a survey answer's hidden fields make; {@code null} when one of them is missing. */
        public static Claim of(Map<String, String> hidden) {
            String userId = hidden.get(USER_ID);
            String survey = hidden.get(SURVEY);
            String journey = hidden.get(JOURNEY);
            String step = hidden.get(STEP);
            return userId == null || survey == null || journey == null || step == null
                    ? null
                    : new Claim(userId, survey, journey, step);
        }

        private boolean wellFormed() {
            return !survey.contains("\n") && !journey.contains("\n") && !step.contains("\n");
        }

        private String message() {
            return String.join("\n", VERSION, survey, journey, step, userId);
        }
    }

    private SurveyLinks() {
    }

    /** The claim's signature with {@code key}: lowercase hex HMAC-SHA256. */
    public static String sign(String key, Claim claim) {
        if (!claim.wellFormed()) {
            throw new IllegalArgumentException("survey, journey and step must not contain line breaks");
        }
        return HexFormat.of().formatHex(hmac(key, claim.message()));
    }

    /** Whether {@code signature} is the claim's signature with one of {@code keys}; compared in constant time. */
    public static boolean verify(List<String> keys, Claim claim, String signature) {
        if (claim == null || signature == null || !claim.wellFormed()) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean match = false;
        for (String key : keys) {
            match |= MessageDigest.isEqual(hmac(key, claim.message()), given);
        }
        return match;
    }

    /** The personal link: the form's URL with the claim and its signature as fragment parameters. */
    public static String link(URI formUrl, Claim claim, String key) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(USER_ID, claim.userId());
        fields.put(SURVEY, claim.survey());
        fields.put(JOURNEY, claim.journey());
        fields.put(STEP, claim.step());
        fields.put(SIGNATURE, sign(key, claim));
        StringBuilder link = new StringBuilder(formUrl.toString());
        link.append(formUrl.getRawFragment() == null ? '#' : '&');
        fields.forEach((name, value) -> link.append(name).append('=').append(encode(value)).append('&'));
        link.setLength(link.length() - 1);
        return link.toString();
    }

    /** The parameters of a link's fragment, decoded: what a survey tool takes as hidden fields. */
    public static Map<String, String> hiddenFields(String link) {
        Map<String, String> fields = new LinkedHashMap<>();
        int hash = link.indexOf('#');
        if (hash < 0) {
            return fields;
        }
        for (String pair : link.substring(hash + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] hmac(String key, String message) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a survey link key must not be empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
