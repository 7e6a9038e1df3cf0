package org.lifecycle.ingestion.tracking.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes one {@code lifecycle.events} record: a flat JSON object whose scalar fields are escaped here and whose
 * free-form objects are copied byte for byte from the request. Far cheaper than building and serialising a tree, which
 * matters at tens of thousands of events a second. The writer is reused record after record by one thread
 * ({@link #forThisThread()}): the record is assembled in its buffer, ASCII text and instants are written into it
 * character by character, and the only allocation per record is the finished copy of exactly its length. Not
 * thread-safe.
 */
final class EventWriter {

    /** A buffer grown past this by an unusually large record is not kept for the next one. */
    private static final int KEPT_CAPACITY = 64 * 1024;
    private static final ThreadLocal<EventWriter> WRITERS = ThreadLocal.withInitial(() -> new EventWriter(4096));

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
    /** The instant last written into this record, quotes included, and where. */
    private java.time.Instant lastInstant;
    private int lastInstantAt;
    private int lastInstantLength;

    EventWriter(int sizeHint) {
        buffer = new byte[Math.max(64, sizeHint)];
        buffer[length++] = '{';
    }

    /** This thread's writer, emptied for a new record. */
    static EventWriter forThisThread() {
        EventWriter writer = WRITERS.get();
        if (writer.buffer.length > KEPT_CAPACITY) {
            writer.buffer = new byte[4096];
        }
        writer.length = 0;
        writer.lastInstant = null;
        writer.buffer[writer.length++] = '{';
        return writer;
    }

    EventWriter string(Field field, String value) {
        if (value != null) {
            name(field);
            quotedString(value);
        }
        return this;
    }

    /** The string in double quotes: ASCII text that needs no escape is copied character by character. */
    private void quotedString(String value) {
        int n = value.length();
        ensure(n + 2);
        int at = length;
        buffer[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                // Bytes written past length so far are simply overwritten.
                quotedSlow(value);
                return;
            }
            buffer[at++] = (byte) c;
        }
        buffer[at++] = '"';
        length = at;
    }

    private void quotedSlow(String value) {
        put((byte) '"');
        quoted(value);
        put((byte) '"');
    }

    /**
     * An instant as {@link IsoInstants#format} writes it, without making a string of it first. The same instant
     * written again in the record (an event's {@code occurredAt} is usually its {@code originalTimestamp}) is copied
     * from where it was written.
     */
    EventWriter instant(Field field, java.time.Instant value) {
        if (value != null) {
            name(field);
            ensure(IsoInstants.MAX_FORMATTED + 2);
            if (value.equals(lastInstant)) {
                System.arraycopy(buffer, lastInstantAt, buffer, length, lastInstantLength);
                length += lastInstantLength;
                return this;
            }
            int at = length;
            buffer[length++] = '"';
            int written = IsoInstants.formatInto(value, buffer, length);
            if (written < 0) {
                length--;
                quotedString(IsoInstants.format(value));
            } else {
                length += written;
                buffer[length++] = '"';
            }
            lastInstant = value;
            lastInstantAt = at;
            lastInstantLength = length - at;
        }
        return this;
    }

    /**
     * The name-based event id ({@link EventIds}) of the source and message ids, written as its 36 characters.
     *
     * @param sourceLine the UTF-8 bytes of the source id followed by a line feed
     */
    EventWriter eventId(Field field, byte[] sourceLine, String messageId) {
        name(field);
        ensure(38);
        buffer[length++] = '"';
        EventIds.writeInto(sourceLine, messageId, buffer, length);
        length += 36;
        buffer[length++] = '"';
        return this;
    }

    EventWriter number(Field field, int value) {
        name(field);
        if (value >= 0 && value < 10) {
            put((byte) ('0' + value));
        } else {
            append(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
        }
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

    /** The record: a new array of exactly its length (the buffer stays with the writer). */
    byte[] finish() {
        put((byte) '}');
        return Arrays.copyOf(buffer, length);
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
