package org.lifecycle.segmentation.profile.service;

import org.lifecycle.contracts.Topics;

/** The topics of this installation, with its prefix. */
public record TopicNames(String prefix) {

    public String events() {
        return Topics.prefixed(prefix, Topics.EVENTS);
    }

    public String transitions() {
        return Topics.prefixed(prefix, Topics.TRANSITIONS);
    }

    public String memberships() {
        return Topics.prefixed(prefix, Topics.MEMBERSHIPS);
    }

    public String predictions() {
        return Topics.prefixed(prefix, Topics.PREDICTIONS);
    }

    public String deletions() {
        return Topics.prefixed(prefix, Topics.DELETIONS);
    }

    public String deadLetter(String topic) {
        return Topics.deadLetter(topic);
    }
}
