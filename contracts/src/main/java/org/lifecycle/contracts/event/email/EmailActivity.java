package org.lifecycle.contracts.event.email;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.PropertyValues;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The properties of an email event ({@link EmailEvents}). Segment's email spec names the message and campaign;
 * {@code journey_id}, {@code step_id} and {@code channel} are the suite's own additions, so that an open or a click
 * is credited to the journey step that sent it.
 */
public record EmailActivity(
        @JsonProperty("email_id") String emailId,
        @JsonProperty("email_subject") String emailSubject,
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("campaign_name") String campaignName,
        @JsonProperty("link_url") String linkUrl,
        @JsonProperty("list_id") String listId,
        @JsonProperty("journey_id") String journeyId,
        @JsonProperty("step_id") String stepId,
        @JsonProperty("channel") String channel) {

    /** The activity described by a properties object; never throws, odd fields read as {@code null}. */
    public static EmailActivity from(ObjectNode properties) {
        return new EmailActivity(
                PropertyValues.text(properties, "email_id"),
                PropertyValues.text(properties, "email_subject"),
                PropertyValues.text(properties, "campaign_id"),
                PropertyValues.text(properties, "campaign_name"),
                PropertyValues.text(properties, "link_url"),
                PropertyValues.text(properties, "list_id"),
                PropertyValues.text(properties, "journey_id"),
                PropertyValues.text(properties, "step_id"),
                PropertyValues.text(properties, "channel"));
    }

    /** The activity as Segment properties, for the email events campaign-service emits. */
    public ObjectNode toProperties() {
        return LifecycleJson.mapper().valueToTree(this);
    }
}
