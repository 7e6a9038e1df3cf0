package org.lifecycle.ingestion.tracking.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes one {@code lifecycle.events} record: a flat JSON object whose scalar fields are escaped here and whose
 * free-form objects are copied byte for byte from the request. Far cheaper than building and serialising a tree, which
 * matters at tens of thousands of events a second.
 */
final class EventWriter {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private static final java.util.Map<String, byte[]> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private final ByteArrayOutputStream out;
    private boolean first = true;

    EventWriter(int sizeHint) {
        out = new ByteArrayOutputStream(sizeHint);
        out.write('{');
    }

    EventWriter string(String field, String value) {
        if (value != null) {
            name(field);
            out.write('"');
            out.writeBytes(ENCODER.quoteAsUTF8(value));
            out.write('"');
        }
        return this;
    }

    EventWriter number(String field, int value) {
        name(field);
        out.writeBytes(Integer.toString(value).getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    EventWriter raw(String field, RawJson value) {
        if (value != null) {
            name(field);
            value.writeTo(out);
        }
        return this;
    }

    EventWriter raw(String field, byte[] json) {
        name(field);
        out.writeBytes(json);
        return this;
    }

    byte[] finish() {
        out.write('}');
        return out.toByteArray();
    }

    private void name(String field) {
        if (!first) {
            out.write(',');
        }
        first = false;
        out.writeBytes(NAMES.computeIfAbsent(field, EventWriter::encodeName));
    }

    /** Field names are the callers' constants: plain ASCII, encoded once. */
    private static byte[] encodeName(String field) {
        return ('"' + field + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}
