package org.lifecycle.campaign.journey.library;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.JourneyEvent;
import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.definition.JourneyDefinition;
import org.lifecycle.campaign.journey.definition.Priority;
import org.lifecycle.campaign.journey.engine.Effect;
import org.lifecycle.campaign.journey.engine.EnrollmentStatus;
import org.lifecycle.campaign.journey.engine.ExitReason;
import org.lifecycle.campaign.journey.engine.Group;
import org.lifecycle.campaign.journey.library.Walk.At;
import org.lifecycle.campaign.journey.offer.CoPurchases;
import org.lifecycle.campaign.journey.offer.CrossSell;
import org.lifecycle.campaign.journey.policy.PolicySettings;
import org.lifecycle.campaign.journey.policy.SendDecision;
import org.lifecycle.campaign.journey.policy.SendPolicy;
import org.lifecycle.contracts.dispatch.Channel;
import org.lifecycle.contracts.event.commerce.CommerceEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.campaign.journey.TestJson.object;
import static org.lifecycle.campaign.journey.library.Walk.message;

/** Every ready-made journey is valid, and does what JOURNEYS.md says for a realistic customer. */
class ReadyMadeJourneysTest {

    private static final Instant T0 = Instant.parse("2026-04-14T13:00:00Z");
    private static final SendPolicy POLICY = new SendPolicy(PolicySettings.defaults());

    static List<String> keys() {
        return ReadyMadeJourneys.KEYS;
    }

    @ParameterizedTest
    @MethodSource("keys")
    void isAcceptedByTheParserUnderItsOwnKey(String key) {
        JourneyDefinition journey = ReadyMadeJourneys.definition(key);

        assertThat(journey.key()).isEqualTo(key);
        assertThat(journey.name()).isNotBlank();
        assertThat(journey.description()).isNotBlank();
    }

    private static Contact customer(String key) {
        return Contact.builder(key).email(key + "@example.com").timeZone("Europe/London").build();
    }

    private static JourneyEvent event(String id, String name, Instant at, String properties) {
        return new JourneyEvent(id, name, at, object(properties));
    }

    private static List<String> templates(Walk walk) {
        return walk.sends().stream().map(at -> message(at).template()).toList();
    }

    private static List<Instant> sendTimes(Walk walk) {
        return walk.sends().stream().map(At::at).toList();
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }

    @Test
    void welcomeSeriesSendsThreeEmailsOverFiveDaysTheLastOneByVariant() {
        Contact maya = customer("maya");

        Walk walk = Walk.enter("welcome_series", new TriggerSignal.StageEntered("t1", "maya", T0, "prospect"), maya)
                .timer().timer();

        assertThat(walk.enrollment().group()).isEqualTo(Group.TREATMENT);
        String variant = walk.enrollment().variants().get("first-order-test");
        assertThat(templates(walk)).containsExactly("welcome_1_hello", "welcome_2_brand_story",
                variant.equals("discount") ? "welcome_3_first_order_discount" : "welcome_3_bestsellers");
        assertThat(sendTimes(walk)).containsExactly(T0, T0.plus(days(2)), T0.plus(days(5)));
        assertThat(message(walk.sends().getLast()).variant()).isEqualTo(variant);
        assertThat(walk.enrollment().status()).isEqualTo(EnrollmentStatus.AWAITING_GOAL);

        walk.timer();

        assertThat(walk.enrollment().exitReason()).isEqualTo(ExitReason.GOAL_WINDOW_ENDED);
        assertThat(walk.enrollment().exitedAt()).isEqualTo(T0.plus(days(14)));
    }

    @Test
    void onboardingTipsEndByPushForCustomersWhoAllowItAndTheSecondOrderConverts() {
        Contact withPush = customer("liam").toBuilder().consent(Channel.PUSH, true).build();
        Contact emailOnly = customer("noor");

        Walk liam = Walk.enter("onboarding_tips", new TriggerSignal.StageEntered("t1", "liam", T0, "new_customer"),
                withPush).timer().timer().timer();
        Walk noor = Walk.enter("onboarding_tips", new TriggerSignal.StageEntered("t2", "noor", T0, "new_customer"),
                emailOnly).timer().timer().timer();

        assertThat(templates(liam)).containsExactly("onboarding_1_getting_started", "onboarding_2_care_tips",
                "onboarding_3_app_tip");
        assertThat(message(liam.sends().getLast()).channel()).isEqualTo(Channel.PUSH);
        assertThat(sendTimes(liam)).containsExactly(T0.plus(days(1)), T0.plus(days(4)), T0.plus(days(11)));
        assertThat(templates(noor)).endsWith("onboarding_3_app_tip_email");

        // The first order has the transition's own time and does not count; a second one on day 20 does.
        liam.event(event("first-order", CommerceEvents.ORDER_COMPLETED, T0, "{}"));
        assertThat(liam.enrollment().status()).isEqualTo(EnrollmentStatus.AWAITING_GOAL);
        liam.event(event("second-order", CommerceEvents.ORDER_COMPLETED, T0.plus(days(20)), "{}"));
        assertThat(liam.enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
    }

    private static TriggerSignal checkout(String customer, Instant at, String value) {
        return new TriggerSignal.EventOccurred(customer, event("checkout-" + customer, CommerceEvents.CHECKOUT_STARTED,
                at,
                "{\"checkout_id\": \"c-1\", \"value\": " + value + ", \"products\": [{\"product_id\": \"boots\"}]}"));
    }

    @Test
    void cartAbandonmentRemindsAnHourAfterACheckoutNoOrderFollowedAndTheLaterOrderConverts() {
        Contact olivia = customer("olivia");

        Walk walk = Walk.enter("cart_abandonment", checkout("olivia", T0, "140.00"), olivia);
        assertThat(walk.enrollment().group()).isEqualTo(Group.TREATMENT);
        assertThat(walk.enrollment().wakeAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(walk.sends()).isEmpty();

        walk.timer();
        At reminder = walk.sends().getFirst();
        assertThat(message(reminder).template()).isEqualTo("cart_reminder_1");
        assertThat(reminder.at()).isEqualTo(T0.plus(Duration.ofHours(1)));
        // 15:00 in London (BST) on a Tuesday, nothing sent yet today: it goes at once.
        assertThat(POLICY.decide(Channel.EMAIL, message(reminder).priority(), olivia, List.of(), reminder.at()))
                .isEqualTo(new SendDecision.SendNow());

        walk.timer();
        assertThat(templates(walk)).containsExactly("cart_reminder_1", "cart_reminder_2_free_shipping");

        Instant orderAt = T0.plus(days(3));
        walk.event(event("order-1", CommerceEvents.ORDER_COMPLETED, orderAt, "{\"order_id\": \"o-1\"}"));
        assertThat(walk.effects()).extracting(At::effect).endsWith(
                new Effect.Converted("order-1", orderAt, Group.TREATMENT, Map.of()),
                new Effect.Exited(ExitReason.CONVERTED, null));
    }

    @Test
    void cartAbandonmentSendsNothingWhenTheOrderComesWithinTheHour() {
        Walk walk = Walk.enter("cart_abandonment", checkout("olivia", T0, "40.00"), customer("olivia"))
                .event(event("order-1", CommerceEvents.ORDER_COMPLETED, T0.plus(Duration.ofMinutes(25)), "{}"));

        assertThat(walk.sends()).isEmpty();
        assertThat(walk.enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
    }

    @Test
    void cartAbandonmentLateInTheEveningWaitsForTheMorningAndSmallCartsGetTheLastCall() {
        Contact olivia = customer("olivia");
        Instant evening = Instant.parse("2026-04-14T19:30:00Z");

        Walk walk = Walk.enter("cart_abandonment", checkout("olivia", evening, "35.00"), olivia).timer();
        At reminder = walk.sends().getFirst();

        // Queued at 21:30 London time: quiet hours hold it until 08:00.
        assertThat(POLICY.decide(Channel.EMAIL, message(reminder).priority(), olivia, List.of(), reminder.at()))
                .isEqualTo(new SendDecision.Defer(Instant.parse("2026-04-15T07:00:00Z"),
                        SendDecision.DeferReason.QUIET_HOURS,
                        "quiet hours 21:00-08:00; until 2026-04-15 08:00 Europe/London"));
        assertThat(templates(walk.timer())).containsExactly("cart_reminder_1", "cart_reminder_2_last_call");
    }

    @Test
    void postPurchaseThanksRecommendsWhatBuyersOfTheSameAlsoBoughtAndTheNextOrderConverts() {
        JourneyEvent order = event("order-1", CommerceEvents.ORDER_COMPLETED, T0,
                """
                        {"order_id": "o-1", "revenue": 64.00,
                         "products": [{"product_id": "teapot", "price": 40}, {"product_id": "tea", "price": 12, "quantity": 2}]}""");

        Walk walk = Walk.enter("post_purchase_thanks", new TriggerSignal.EventOccurred("pia", order), customer("pia"));
        walk.event(order);
        assertThat(walk.enrollment().status()).isEqualTo(EnrollmentStatus.WAITING);
        walk.timer();

        At thanks = walk.sends().getFirst();
        assertThat(thanks.at()).isEqualTo(T0.plus(Duration.ofHours(2)));
        Effect.Recommendations wanted = message(thanks).recommendations();
        assertThat(wanted).isEqualTo(new Effect.Recommendations(List.of("teapot", "tea"), 3));
        List<String> bestSellers = List.of("tea", "mug", "socks", "scarf");
        assertThat(CrossSell.recommend(wanted.basedOn(), CoPurchases.none(), bestSellers, wanted.count()))
                .containsExactly("mug", "socks", "scarf");
        CoPurchases published = new CoPurchases(Map.of("teapot", List.of("cups", "tea", "strainer")));
        assertThat(CrossSell.recommend(wanted.basedOn(), published, bestSellers, wanted.count()))
                .containsExactly("cups", "strainer", "mug");

        walk.event(event("order-2", CommerceEvents.ORDER_COMPLETED, T0.plus(days(12)), "{}"));
        assertThat(walk.enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
    }

    @Test
    void reviewRequestAsksTwoWeeksAfterTheOrderAndRemindsOnceUnlessTheReviewCame() {
        JourneyEvent order = event("order-1", CommerceEvents.ORDER_COMPLETED, T0, "{}");

        Walk reviewed = Walk.enter("review_request", new TriggerSignal.EventOccurred("rae", order), customer("rae"))
                .timer()
                .event(event("review-1", "Product Reviewed", T0.plus(days(15)), "{\"rating\": 5}"));
        Walk silent = Walk.enter("review_request", new TriggerSignal.EventOccurred("sam", order), customer("sam"))
                .timer().timer();

        assertThat(templates(reviewed)).containsExactly("review_request");
        assertThat(reviewed.enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
        assertThat(templates(silent)).containsExactly("review_request", "review_request_reminder");
        assertThat(sendTimes(silent)).containsExactly(T0.plus(days(14)), T0.plus(days(18)));
        assertThat(silent.timer().enrollment().exitReason()).isEqualTo(ExitReason.GOAL_WINDOW_ENDED);
    }

    @Test
    void referralAskInvitesANewlyLoyalCustomerAndRemindsBySmsWhereAllowed() {
        Contact withSms = customer("uma").toBuilder().phone("+447700900456").consent(Channel.SMS, true).build();

        Walk walk = Walk.enter("referral_ask", new TriggerSignal.StageEntered("t1", "uma", T0, "loyal"), withSms)
                .timer();
        Walk emailOnly = Walk.enter("referral_ask", new TriggerSignal.StageEntered("t2", "vic", T0, "loyal"),
                customer("vic")).timer();

        assertThat(walk.sends()).extracting(at -> message(at).channel()).containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(templates(emailOnly)).containsExactly("referral_invite", "referral_reminder");
        walk.event(event("ref-1", "Referral Completed", T0.plus(days(9)), "{}"));
        assertThat(walk.enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
    }

    @Test
    void loyaltyRewardThanksANewChampionAheadOfOrdinaryPromotions() {
        Walk walk = Walk.enter("loyalty_reward",
                new TriggerSignal.SegmentChanged("m1", "wes", T0, "rfm.champions", true), customer("wes")).timer();

        assertThat(templates(walk)).containsExactly("loyalty_reward", "loyalty_reward_reminder");
        assertThat(message(walk.sends().getFirst()).priority()).isEqualTo(new Priority(60));
        assertThat(message(walk.sends().getLast()).priority()).isEqualTo(Priority.PROMOTIONAL);
        assertThat(walk.enrollment().status()).isEqualTo(EnrollmentStatus.AWAITING_GOAL);
    }

    @Test
    void winBackForAnAtRiskCustomerSizesTheOfferByPredictedValueAndChanceOfReturning() {
        Contact valuable = customer("xena").toBuilder().orders(4, new BigDecimal("610.00"))
                .attribute("predicted_clv", new BigDecimal("650")).attribute("probability_alive", new BigDecimal("0.3"))
                .build();

        Walk walk = Walk.enter("win_back_at_risk", new TriggerSignal.StageEntered("t1", "xena", T0, "at_risk"),
                valuable).timer();

        assertThat(templates(walk)).containsExactly("win_back_offer", "win_back_offer_reminder");
        assertThat(walk.sends()).extracting(at -> message(at).offer().tier())
                .containsExactly("high_value_uncertain", "high_value_uncertain");
        assertThat(message(walk.sends().getFirst()).offer().percentOff()).isEqualTo(20);
        walk.event(event("order-9", CommerceEvents.ORDER_COMPLETED, T0.plus(days(12)), "{}"));
        assertThat(walk.enrollment().exitReason()).isEqualTo(ExitReason.CONVERTED);
    }

    @Test
    void winBackForALapsedCustomerWithoutPredictionsFallsBackOnTheirHistoryAndFollowsUpBySms() {
        Contact lapsed = customer("yan").toBuilder().orders(1, new BigDecimal("80.00")).phone("+447700900789")
                .consent(Channel.SMS, true).build();

        Walk walk = Walk.enter("win_back_lapsed", new TriggerSignal.StageEntered("t1", "yan", T0, "lapsed"), lapsed)
                .timer();

        assertThat(walk.sends()).extracting(at -> message(at).channel()).containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(walk.sends()).extracting(at -> message(at).offer().tier())
                .containsExactly("low_value_unlikely", "low_value_unlikely");
        assertThat(message(walk.sends().getFirst()).offer().percentOff()).isEqualTo(5);
        assertThat(sendTimes(walk)).containsExactly(T0, T0.plus(days(5)));
    }

    @Test
    void sunsetStopsPromotionalEmailAndMovesTheCustomerToSmsElsePush() {
        TriggerSignal dormant = new TriggerSignal.SegmentChanged("m1", "zoe", T0, "email_unengaged_365d", true);
        Contact withSms = customer("zoe").toBuilder().phone("+447700900111").consent(Channel.SMS, true).build();
        Contact withPush = customer("zoe").toBuilder().consent(Channel.PUSH, true).build();

        Walk sms = Walk.enter("sunset_email", dormant, withSms);
        Walk push = Walk.enter("sunset_email", dormant, withPush);
        Walk neither = Walk.enter("sunset_email", dormant, customer("zoe"));

        assertThat(sms.effects()).extracting(At::effect).contains(new Effect.SunsetChannel(Channel.EMAIL));
        assertThat(sms.sends()).extracting(at -> message(at).channel()).containsExactly(Channel.SMS);
        assertThat(push.sends()).extracting(at -> message(at).channel()).containsExactly(Channel.PUSH);
        assertThat(neither.sends()).isEmpty();
        assertThat(neither.effects()).extracting(At::effect).contains(new Effect.SunsetChannel(Channel.EMAIL));
        assertThat(sms.enrollment().exitReason()).isEqualTo(ExitReason.COMPLETED);

        // Once the runtime records the sunset, promotional email is suppressed and SMS still goes.
        Contact sunset = withSms.toBuilder().sunset(Channel.EMAIL).build();
        assertThat(POLICY.decide(Channel.EMAIL, Priority.PROMOTIONAL, sunset, List.of(), T0))
                .isInstanceOf(SendDecision.Suppress.class);
        assertThat(POLICY.decide(Channel.SMS, Priority.PROMOTIONAL, sunset, List.of(), T0))
                .isEqualTo(new SendDecision.SendNow());
    }
}
