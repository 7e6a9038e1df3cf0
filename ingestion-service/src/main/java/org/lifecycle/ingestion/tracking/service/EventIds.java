package org.lifecycle.ingestion.tracking.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.lifecycle.contracts.event.CustomerEvent;

/**
 * The event id of {@link CustomerEvent#eventId}: the RFC 4122 version 3 UUID of {@code sourceId + "\n" + messageId}
 * (UTF-8), written straight into a record buffer. The contract's method builds a string, looks the MD5 algorithm up
 * and makes a {@link java.util.UUID} and its text for every event; here each thread keeps its digest and a scratch
 * buffer, the source id's bytes are encoded once per request, and the 36 characters are written in place.
 * {@code EventIdsTest} checks that both give the same ids.
 */
final class EventIds {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<EventIds> PER_THREAD = ThreadLocal.withInitial(EventIds::new);

    private final MessageDigest md5;
    private final byte[] hash = new byte[16];
    private byte[] scratch = new byte[256];

    private EventIds() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has MD5", e);
        }
    }

    /** The bytes a request's events share at the start of the hashed text: the source id and a line feed. */
    static byte[] sourceLine(String sourceId) {
        return (sourceId + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The id as text (tests, and anything not on the hot path). */
    static String of(String sourceId, String messageId) {
        byte[] out = new byte[36];
        writeInto(sourceLine(sourceId), messageId, out, 0);
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** Writes the 36 characters of the id at {@code at}. */
    static void writeInto(byte[] sourceLine, String messageId, byte[] out, int at) {
        PER_THREAD.get().write(sourceLine, messageId, out, at);
    }

    private void write(byte[] sourceLine, String messageId, byte[] out, int at) {
        md5.update(sourceLine);
        int n = messageId.length();
        if (n > scratch.length) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = messageId.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            scratch[i] = (byte) c;
        }
        if (ascii) {
            md5.update(scratch, 0, n);
        } else {
            md5.update(messageId.getBytes(StandardCharsets.UTF_8));
        }
        try {
            md5.digest(hash, 0, 16);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("A 16-byte buffer holds an MD5 digest", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30); // version 3
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        int to = at;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[to++] = '-';
            }
            out[to++] = HEX[(hash[i] >> 4) & 0x0f];
            out[to++] = HEX[hash[i] & 0x0f];
        }
    }
}
