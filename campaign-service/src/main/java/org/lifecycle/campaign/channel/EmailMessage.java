package org.lifecycle.campaign.channel;

import java.util.Objects;

/**
 * One email ready to go: the rendered parts and the links its headers need.
 *
 * @param messageId the send ledger's id; the {@code Message-ID} is made from it
 * @param unsubscribeUrl the one-click unsubscribe link for {@code List-Unsubscribe}
 */
public record EmailMessage(String messageId, String to, String subject, String html, String text,
        String unsubscribeUrl) {

    public EmailMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
    }
}
