package org.lifecycle.ingestion.webhook.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures as the webhook senders compute them, compared in constant time. */
public final class Signatures {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    /** Typeform: {@code sha256=} + base64(HMAC-SHA256(secret, body)). */
    public static String typeform(String secret, byte[] body) {
        return "sha256=" + Base64.getEncoder().encodeToString(hmac(secret, new byte[0], body));
    }

    /** Zendesk: base64(HMAC-SHA256(secret, timestamp header + body)). */
    public static String zendesk(String secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(secret, timestamp.getBytes(StandardCharsets.UTF_8), body));
    }

    public static boolean matches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** A new random secret for an endpoint whose tool lets us choose it (Typeform). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hmac(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
