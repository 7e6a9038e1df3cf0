package org.lifecycle.ingestion.source.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Write keys: 256 random bits, so a fast SHA-256 hash is a safe way to store them (there is nothing to brute-force)
 * and cheap enough to compute on every request.
 */
public final class WriteKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "lc_";
    private static final int SHOWN_PREFIX_LENGTH = 10;

    private WriteKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The start of a key, safe to show in lists so people can tell keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(SHOWN_PREFIX_LENGTH, key.length()));
    }
}
