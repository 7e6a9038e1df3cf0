package org.lifecycle.contracts.dispatch;

import com.fasterxml.jackson.annotation.JsonValue;

/** The channels a journey step can send on; a customer who stops reading one is reached on another. */
public enum Channel {

    EMAIL("email"), SMS("sms"), PUSH("push"), WEBHOOK("webhook");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
