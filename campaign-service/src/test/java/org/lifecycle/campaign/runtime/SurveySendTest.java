package org.lifecycle.campaign.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.Mailbox;
import org.lifecycle.campaign.support.Records;
import org.lifecycle.campaign.support.TestClock;
import org.lifecycle.campaign.support.WebhookReceiver;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.signal.SurveyLinks;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journey's survey step mails the customer their personal survey link through the send ledger and the dispatcher:
 * the form's URL with hidden fields naming the customer, the survey, the journey and the step, signed with the
 * survey link key, so that the answer can be trusted to come from them.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class SurveySendTest {

    static final String SURVEY_JOURNEY = """
            {"key": "%KEY%", "name": "NPS", "trigger": {"type": "event", "event": "Survey Due %KEY%"},
             "steps": [{"id": "ask", "type": "survey", "survey": "post_purchase_nps",
                        "form_url": "https://acme.typeform.com/to/AbC123", "template": "survey_post_purchase"}]}""";

    private static final Pattern LINK = Pattern.compile("Answer the question: (\\S+)");

    static final String SMS_SURVEY_JOURNEY = """
            {"key": "%KEY%", "name": "NPS by SMS", "trigger": {"type": "event", "event": "Survey Due %KEY%"},
             "steps": [{"id": "text-nps", "type": "survey", "survey": "post_purchase_nps", "channel": "sms",
                        "form_url": "https://acme.typeform.com/to/AbC123?lang=en",
                        "template": "survey_post_purchase_sms"}]}""";

    private static Mailbox mailbox;
    private static WebhookReceiver providers;

    @Inject
    TestClock clock;

    @BeforeAll
    static void startServers() {
        mailbox = Mailbox.start();
        providers = new WebhookReceiver(
                ConfigProvider.getConfig().getValue(IsolatedInfrastructure.WEBHOOK_PORT, Integer.class));
    }

    @AfterAll
    static void stopServers() {
        mailbox.close();
        providers.close();
    }

    private static List<String> linkKeys() {
        return List.of(ConfigProvider.getConfig().getValue("lifecycle.survey.link-keys", String.class));
    }

    @Test
    void aSurveyStepMailsASignedPersonalLinkThatNamesTheCustomer() {
        String key = Journeys.activate(SURVEY_JOURNEY);
        String customer = Contacts.unique("c");
        String email = Journeys.identify(customer, clock.zoneWhereItIs(12), clock.instant());
        Records.publish(Topics.EVENTS, Records.track(customer, "Survey Due " + key, clock.instant(),
                Records.object()));
        // A replayed trigger sends nothing a second time.
        Records.publish(Topics.EVENTS, Records.track(customer, "Survey Due " + key, clock.instant(),
                Records.object()));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.to(email).size() == 1);
        MimeMessage mail = mailbox.to(email).getFirst();
        assertThat(Mailbox.subject(mail)).isEqualTo("How likely are you to recommend Test Shop?");
        Matcher found = LINK.matcher(Mailbox.part(mail, "text/plain"));
        assertThat(found.find()).isTrue();
        String link = found.group(1);
        assertThat(link).startsWith("https://acme.typeform.com/to/AbC123#");

        Map<String, String> hidden = SurveyLinks.hiddenFields(link);
        assertThat(hidden).containsEntry(SurveyLinks.USER_ID, customer)
                .containsEntry(SurveyLinks.SURVEY, "post_purchase_nps")
                .containsEntry(SurveyLinks.JOURNEY, key)
                .containsEntry(SurveyLinks.STEP, "ask");
        List<String> keys = linkKeys();
        String signature = hidden.get(SurveyLinks.SIGNATURE);
        assertThat(SurveyLinks.verify(keys, SurveyLinks.Claim.of(hidden), signature)).isTrue();
        assertThat(SurveyLinks.verify(keys, new SurveyLinks.Claim("someone-else", "post_purchase_nps", key, "ask"),
                signature)).isFalse();
        // In the HTML the button goes through a click link, which redirects to the personal link.
        assertThat(Mailbox.part(mail, "text/html")).contains("https://t.shop.test/t/c/").doesNotContain(signature);

        Journeys.awaitMessages(customer, list -> Journeys.withStatus(list, "sent") == 1);
        assertThat(Journeys.messages(customer)).singleElement().satisfies(message -> assertThat(message)
                .containsEntry("journeyKey", key).containsEntry("stepId", "ask"));
    }

    @Test
    void aSurveyStepTextsTheSignedLinkToCustomersWhoAllowSms() throws Exception {
        String key = Journeys.activate(SMS_SURVEY_JOURNEY);
        String customer = Contacts.unique("c");
        String phone = "+4477009" + Math.abs(customer.hashCode() % 100000);
        Records.publish(Topics.EVENTS, Records.identify(customer, clock.instant(), Records.object()
                .put("phone", phone).put("sms_consent", true).put("timezone", clock.zoneWhereItIs(12))));
        Records.publish(Topics.EVENTS, Records.track(customer, "Survey Due " + key, clock.instant(),
                Records.object()));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> providers.received("/sms").stream()
                .anyMatch(request -> request.body().contains(customer)));
        WebhookReceiver.Received sms = providers.received("/sms").stream()
                .filter(request -> request.body().contains(customer)).findFirst().orElseThrow();
        JsonNode body = LifecycleJson.mapper().readTree(sms.body());
        assertThat(body.path("to").asText()).isEqualTo(phone);
        Matcher found = Pattern.compile("(https://acme\\.typeform\\.com/\\S+)").matcher(body.path("body").asText());
        assertThat(found.find()).isTrue();
        String link = found.group(1);
        assertThat(link).startsWith("https://acme.typeform.com/to/AbC123?lang=en#user_id=");
        Map<String, String> hidden = SurveyLinks.hiddenFields(link);
        assertThat(SurveyLinks.Claim.of(hidden))
                .isEqualTo(new SurveyLinks.Claim(customer, "post_purchase_nps", key, "text-nps"));
        assertThat(SurveyLinks.verify(linkKeys(), SurveyLinks.Claim.of(hidden), hidden.get(SurveyLinks.SIGNATURE)))
                .isTrue();
    }
}
