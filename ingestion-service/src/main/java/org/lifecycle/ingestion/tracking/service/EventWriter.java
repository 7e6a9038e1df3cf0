package org.lifecycle.ingestion.tracking.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes one {@code lifecycle.events} record: a flat JSON object whose scalar fields are escaped here and whose
 * free-form objects are copied byte for byte from the request. Far cheaper than building and serialising a tree, which
 * matters at tens of thousands of events a second. Not thread-safe: one writer per record.
 */
final class EventWriter {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    /** The fields of a {@code lifecycle.events} record, each with its name encoded once. */
    enum Field {
        ID("id"), TYPE("type"), VERSION("version"), OCCURRED_AT("occurredAt"), RECEIVED_AT("receivedAt"), SENT_AT(
                "sentAt"), ORIGINAL_TIMESTAMP("originalTimestamp"), SOURCE_ID("sourceId"), MESSAGE_ID(
                        "messageId"), USER_ID("userId"), ANONYMOUS_ID("anonymousId"), EVENT("event"), NAME(
                                "name"), CATEGORY("category"), GROUP_ID("groupId"), PREVIOUS_ID("previousId"), TRAITS(
                                        "traits"), PROPERTIES(
                                                "properties"), CONTEXT("context"), INTEGRATIONS("integrations");

        private final byte[] json;

        Field(String name) {
            this.json = ('"' + name + "\":").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private byte[] buffer;
    private int length;

    EventWriter(int sizeHint) {
        buffer = new byte[Math.max(64, sizeHint)];
        buffer[length++] = '{';
    }

    EventWriter string(Field field, String value) {
        if (value != null) {
            name(field);
            put((byte) '"');
            quoted(value);
            put((byte) '"');
        }
        return this;
    }

    EventWriter number(Field field, int value) {
        name(field);
        append(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    EventWriter raw(Field field, RawJson value) {
        if (value != null) {
            name(field);
            append(value.body(), value.from(), value.length());
        }
        return this;
    }

    EventWriter raw(Field field, byte[] json) {
        name(field);
        append(json);
        return this;
    }

    byte[] finish() {
        put((byte) '}');
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    private void name(Field field) {
        if (length > 1) {
            put((byte) ',');
        }
        append(field.json);
    }

    /**
     * Text without quotes, backslashes or control characters (ids, timestamps, event names: nearly all of it) needs no
     * escaping: its UTF-8 bytes are the JSON string's content. Anything else goes through the JSON encoder.
     */
    private void quoted(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (byte c : utf8) {
            if (c >= 0 && (c < 0x20 || c == '"' || c == '\\')) {
                append(ENCODER.quoteAsUTF8(value));
                return;
            }
        }
        append(utf8);
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void append(byte[] bytes) {
        append(bytes, 0, bytes.length);
    }

    private void append(byte[] bytes, int from, int count) {
        ensure(count);
        System.arraycopy(bytes, from, buffer, length, count);
        length += count;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }
}
