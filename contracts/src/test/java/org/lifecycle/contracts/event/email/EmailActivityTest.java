package org.lifecycle.contracts.event.email;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class EmailActivityTest {

    @Test
    void emailLinkClickedNamesTheJourneyStepThatSentIt() throws JsonProcessingException {
        EmailActivity click = EmailActivity.from((ObjectNode) LifecycleJson.mapper().readTree("""
                {"email_id": "18vzF7u6", "email_subject": "We miss you", "campaign_id": 123,
                 "campaign_name": "Win-back", "link_url": "https://shop.example.com/?utm_source=lifecycle",
                 "list_id": null, "journey_id": "journey-winback", "step_id": "step-offer", "channel": "email"}
                """));

        assertThat(click.campaignId()).isEqualTo("123");
        assertThat(click.listId()).isNull();
        assertThat(click.journeyId()).isEqualTo("journey-winback");
        assertThat(click.stepId()).isEqualTo("step-offer");
    }

    @Test
    void activityWritesSegmentPropertyNames() {
        EmailActivity open = new EmailActivity("msg-1", "Welcome", null, null, null, null, "journey-welcome",
                "step-1", "email");

        ObjectNode properties = open.toProperties();

        assertThat(properties.properties()).extracting(Map.Entry::getKey).containsExactly("email_id", "email_subject",
                "journey_id", "step_id",
                "channel");
        assertThat(EmailActivity.from(properties)).isEqualTo(open);
    }

    @Test
    void missingPropertiesReadAsEmpty() {
        assertThat(EmailActivity.from(null)).isEqualTo(new EmailActivity(null, null, null, null, null, null, null,
                null, null));
        assertThat(EmailEvents.ALL).contains("Email Marked as Spam", "Unsubscribed").hasSize(6);
    }
}
