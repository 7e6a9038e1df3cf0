package org.lifecycle.campaign.journey.library;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.JourneyEvent;
import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.engine.EnrollmentStatus;
import org.lifecycle.campaign.journey.engine.ExitReason;
import org.lifecycle.campaign.journey.library.Walk.At;
import org.lifecycle.contracts.dispatch.Channel;
import org.lifecycle.contracts.event.commerce.CommerceEvents;
import org.lifecycle.contracts.event.signal.SignalEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.campaign.journey.TestJson.object;
import static org.lifecycle.campaign.journey.library.Walk.message;

/** The ready-made survey journeys, walked through the engine: who is asked, when, on which channel, and who is not. */
class SurveyJourneysTest {

    private static final Instant T0 = Instant.parse("2026-04-14T13:00:00Z");

    private static Contact customer(String key) {
        return Contact.builder(key).email(key + "@example.com").phone("+447700900123").timeZone("Europe/London")
                .build();
    }

    private static TriggerSignal did(String customer, String event, Instant at) {
        return new TriggerSignal.EventOccurred(customer, new JourneyEvent(event + "-" + customer, event, at,
                object("{}")));
    }

    private static List<String> steps(Walk walk) {
        return walk.sends().stream().map(at -> message(at).key().stepId()).toList();
    }

    private static List<Instant> sendTimes(Walk walk) {
        return walk.sends().stream().map(At::at).toList();
    }

    @Test
    void theExitSurveyAsksOnlyThoseWhoDidNotOrderWithinTwoDays() {
        Walk browsed = Walk.enter("exit_survey", did("ann", CommerceEvents.CHECKOUT_STARTED, T0), customer("ann"));
        Walk ordered = Walk.enter("exit_survey", did("bob", CommerceEvents.CHECKOUT_STARTED, T0), customer("bob"));

        browsed.timer();
        ordered.event(new JourneyEvent("order-bob", CommerceEvents.ORDER_COMPLETED, T0.plus(Duration.ofDays(1)),
                object("{}")));

        assertThat(steps(browsed)).containsExactly("ask-why");
        assertThat(sendTimes(browsed)).containsExactly(T0.plus(Duration.ofDays(2)));
        assertThat(message(browsed.sends().getFirst()).template()).isEqualTo("survey_exit");
        assertThat(ReadyMadeJourneys.definition("exit_survey").send("ask-why").orElseThrow().survey().key())
                .isEqualTo("exit");
        assertThat(ordered.sends()).isEmpty();
        assertThat(ordered.enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
    }

    @Test
    void thePostPurchaseSurveyAsksAWeekLaterAndRemindsBySmsOnlyWhereAllowedAndUnanswered() {
        Contact smsAllowed = customer("cara").toBuilder().consent(Channel.SMS, true).build();
        Walk reminded = Walk.enter("post_purchase_survey", did("cara", CommerceEvents.ORDER_COMPLETED, T0),
                smsAllowed).timer().timer();
        Walk emailOnly = Walk.enter("post_purchase_survey", did("dan", CommerceEvents.ORDER_COMPLETED, T0),
                customer("dan")).timer().timer();
        Walk answered = Walk.enter("post_purchase_survey", did("eve", CommerceEvents.ORDER_COMPLETED, T0),
                smsAllowed).timer();
        answered.event(new JourneyEvent("answer-eve", SignalEvents.SURVEY_RESPONDED, T0.plus(Duration.ofDays(8)),
                object("{\"survey_key\": \"post_purchase_nps\", \"nps_score\": 9, \"link_verified\": true}")));

        assertThat(steps(reminded)).containsExactly("ask-nps", "remind-nps");
        assertThat(sendTimes(reminded)).containsExactly(T0.plus(Duration.ofDays(7)), T0.plus(Duration.ofDays(11)));
        assertThat(reminded.sends()).extracting(at -> message(at).channel()).containsExactly(Channel.EMAIL,
                Channel.SMS);
        assertThat(reminded.sends()).extracting(at -> message(at).template())
                .containsExactly("survey_post_purchase", "survey_post_purchase_sms");
        assertThat(steps(emailOnly)).containsExactly("ask-nps");
        assertThat(emailOnly.enrollment().status()).isEqualTo(EnrollmentStatus.EXITED);
        assertThat(steps(answered)).containsExactly("ask-nps");
        assertThat(answered.enrollment().exitReason()).isEqualTo(ExitReason.EXIT_STEP);
    }
}
