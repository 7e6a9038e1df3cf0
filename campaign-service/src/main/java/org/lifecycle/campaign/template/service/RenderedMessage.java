package org.lifecycle.campaign.template.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A template rendered for one message, tracking included: the HTML's links go through click links and it carries the
 * open pixel and the preheader.
 *
 * @param unsubscribeUrl the message's one-click unsubscribe link, also its {@code List-Unsubscribe} header
 */
@Schema(description = "A message rendered for one recipient")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RenderedMessage(
        String key,
        int version,
        Channel channel,
        String subject,
        String preheader,
        String html,
        String text,
        String body,
        String payload,
        String unsubscribeUrl) {
}
