package org.lifecycle.campaign.journey.definition;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.journey.library.ReadyMadeJourneys;
import org.lifecycle.contracts.dispatch.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.lifecycle.campaign.journey.TestJson.json;

/**
 * The survey step ({@code "type": "survey"}), the webhook send's named {@code endpoint} and the journey's
 * {@code suppress_while_detractor} setting, read and checked like every other part of the language.
 */
class SurveyStepTest {

    private static String steps(String steps) {
        return """
                {"key": "survey_journey", "name": "Survey", "trigger": {"type": "event", "event": "Order Completed"},
                 "steps": [""" + steps + "]}";
    }

    private static List<JourneyViolation> violations(String text) {
        return catchThrowableOfType(JourneyException.class, () -> JourneyParser.parse(json(text))).violations();
    }

    @Test
    void aSurveyStepIsASendWhoseMessageCarriesTheSurvey() {
        JourneyDefinition journey = JourneyParser.parse(json(steps("""
                {"id": "ask", "type": "survey", "survey": "post_purchase_nps",
                 "form_url": "https://acme.typeform.com/to/AbC123", "template": "survey_post_purchase"},
                {"id": "remind", "type": "survey", "survey": "post_purchase_nps", "channel": "sms",
                 "form_url": "https://acme.typeform.com/to/AbC123", "template": "survey_sms",
                 "priority": "transactional"}""")));

        Step.Survey survey = new Step.Survey("post_purchase_nps", URI.create("https://acme.typeform.com/to/AbC123"));
        assertThat(journey.steps()).containsExactly(
                new Step.Send("ask", Channel.EMAIL, "survey_post_purchase", Priority.PROMOTIONAL, null, 0, survey,
                        null),
                new Step.Send("remind", Channel.SMS, "survey_sms", Priority.TRANSACTIONAL, null, 0, survey, null));
        assertThat(journey.send("remind")).contains((Step.Send) journey.steps().get(1));
        assertThat(journey.suppressWhileDetractor()).isTrue();
    }

    @Test
    void aSurveyStepWithFaultsIsRefusedWithEveryPointer() {
        assertThat(violations(steps("""
                {"id": "ask", "type": "survey", "channel": "webhook", "form_url": "ftp://acme.example/form",
                 "offer": "win_back"},
                {"id": "again", "type": "survey", "survey": "Post Purchase", "form_url": "not a url",
                 "template": "t"},
                {"id": "third", "type": "survey", "survey": "nps", "form_url": "https:///no-host", "template": "t",
                 "channel": "push"}"""))).containsExactlyInAnyOrder(
                new JourneyViolation("/steps/0/offer",
                        "unknown key \"offer\": expected channel, form_url, id, priority, survey, template, type"),
                new JourneyViolation("/steps/0/survey", "missing survey"),
                new JourneyViolation("/steps/0/form_url",
                        "expected the form's absolute http(s) URL like https://acme.typeform.com/to/AbC123, found "
                                + "\"ftp://acme.example/form\""),
                new JourneyViolation("/steps/0/channel",
                        "a survey goes to a person: expected email or sms, found webhook"),
                new JourneyViolation("/steps/0/template", "missing template"),
                new JourneyViolation("/steps/1/survey", "expected a survey key like post_purchase_nps "
                        + "([a-z0-9][a-z0-9_-], at most 64), found \"Post Purchase\""),
                new JourneyViolation("/steps/1/form_url",
                        "expected the form's absolute http(s) URL like https://acme.typeform.com/to/AbC123, found "
                                + "\"not a url\""),
                new JourneyViolation("/steps/2/form_url",
                        "expected the form's absolute http(s) URL like https://acme.typeform.com/to/AbC123, found "
                                + "\"https:///no-host\""),
                new JourneyViolation("/steps/2/channel",
                        "a survey goes to a person: expected email or sms, found push"));
    }

    @Test
    void aMissingFormUrlIsPointedAtWhereItBelongs() {
        assertThat(violations(steps("""
                {"id": "ask", "type": "survey", "survey": "nps", "template": "t"}""")))
                .containsExactly(new JourneyViolation("/steps/0/form_url", "missing form_url"));
    }

    @Test
    void onlyAWebhookMessageGoesToANamedEndpoint() {
        JourneyDefinition journey = JourneyParser.parse(json(
                steps("""
                        {"id": "alert", "type": "send", "channel": "webhook", "template": "t", "endpoint": "support_desk"}""")));
        assertThat(journey.send("alert").orElseThrow().endpoint()).isEqualTo("support_desk");

        assertThat(violations(steps("""
                {"id": "a", "type": "send", "channel": "email", "template": "t", "endpoint": "support_desk"},
                {"id": "b", "type": "send", "channel": "webhook", "template": "t", "endpoint": "crm"},
                {"id": "c", "type": "send", "channel": "webhook", "template": "t", "endpoint": 7}""")))
                .containsExactlyInAnyOrder(
                        new JourneyViolation("/steps/0/endpoint",
                                "only a webhook message goes to a named endpoint; this one is email"),
                        new JourneyViolation("/steps/1/endpoint", "unknown endpoint \"crm\": expected support_desk"),
                        new JourneyViolation("/steps/2/endpoint", "expected a string, found a number"));
    }

    @Test
    void theDetractorRuleIsOnUnlessTheJourneyTurnsItOff() {
        String off = """
                {"key": "k", "name": "n", "trigger": {"type": "event", "event": "E"}, "suppress_while_detractor": false,
                 "steps": [{"id": "s", "type": "exit"}]}""";
        assertThat(JourneyParser.parse(json(off)).suppressWhileDetractor()).isFalse();
        assertThat(violations(off.replace("false", "\"no\""))).containsExactly(
                new JourneyViolation("/suppress_while_detractor", "expected true or false, found a string"));
    }

    @Test
    void theReadyMadeSurveyJourneysParse() {
        JourneyDefinition postPurchase = ReadyMadeJourneys.definition("post_purchase_survey");
        assertThat(postPurchase.send("ask-nps").orElseThrow().survey().key()).isEqualTo("post_purchase_nps");
        assertThat(postPurchase.send("remind-nps").orElseThrow().channel()).isEqualTo(Channel.SMS);
        JourneyDefinition exit = ReadyMadeJourneys.definition("exit_survey");
        assertThat(exit.goal().event()).isEqualTo("Order Completed");
        assertThat(exit.send("ask-why").orElseThrow().survey().key()).isEqualTo("exit");
        assertThat(ReadyMadeJourneys.definition("detractor_alert").send("alert").orElseThrow().endpoint())
                .isEqualTo("support_desk");
    }
}
