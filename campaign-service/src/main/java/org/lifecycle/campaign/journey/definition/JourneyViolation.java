package org.lifecycle.campaign.journey.definition;

import java.util.Objects;

/**
 * One thing wrong with a submitted journey.
 *
 * @param pointer the RFC 6901 JSON pointer to the place at fault in the submitted JSON, e.g.
 *        {@code /steps/2/on_timeout/0/template}; {@code ""} is the whole document; a missing field is pointed at
 *        where it belongs
 * @param message what is wrong, for the marketer who wrote it
 */
public record JourneyViolation(String pointer, String message) {

    public JourneyViolation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /** The pointer to {@code key} inside the value at {@code pointer}, escaped as RFC 6901 says. */
    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
    }
}
