package org.lifecycle.contracts.event;

import java.util.Locale;
import java.util.Optional;

import org.lifecycle.contracts.Envelope;

import com.fasterxml.jackson.annotation.JsonValue;

/** Segment's six message types, the vocabulary every SDK and export already speaks. */
public enum MessageType implements Envelope.Type {

    IDENTIFY, TRACK, PAGE, SCREEN, GROUP, ALIAS;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    @Override
    public String wireName() {
        return wireName;
    }

    /**
     * The type named by a Segment payload's {@code type} or an API path segment; empty for anything else, so that
     * ingestion answers a clear 400 instead of an exception.
     */
    public static Optional<MessageType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (MessageType type : values()) {
            if (type.wireName.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
