package org.lifecycle.campaign.journey.policy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.definition.Priority;
import org.lifecycle.campaign.journey.policy.SendDecision.Defer;
import org.lifecycle.campaign.journey.policy.SendDecision.DeferReason;
import org.lifecycle.campaign.journey.policy.SendDecision.SendNow;
import org.lifecycle.campaign.journey.policy.SendDecision.Suppress;
import org.lifecycle.campaign.journey.policy.SendDecision.SuppressReason;
import org.lifecycle.contracts.dispatch.Channel;

import static org.assertj.core.api.Assertions.assertThat;

class SendPolicyTest {

    private static final Priority PROMO = Priority.PROMOTIONAL;
    private final SendPolicy policy = new SendPolicy(PolicySettings.defaults());

    private static final Contact LONDON = Contact.builder("anna").email("anna@example.com").phone("+447700900123")
            .timeZone("Europe/London").consent(Channel.SMS, true).build();
    private static final Contact NEW_YORK = Contact.builder("bob").email("bob@example.com")
            .timeZone("America/New_York").build();

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static SentMessage email(String at) {
        return new SentMessage(Channel.EMAIL, PROMO, Instant.parse(at));
    }

    private SendDecision email(Contact contact, List<SentMessage> history, String now) {
        return policy.decide(Channel.EMAIL, PROMO, contact, history, at(now));
    }

    @Test
    void aMessageOutsideQuietHoursAndUnderTheCapsGoesNow() {
        assertThat(email(LONDON, List.of(email("2026-04-10T09:00:00Z")), "2026-04-10T13:00:00Z"))
                .isEqualTo(new SendNow());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // London is on BST (UTC+1) in April: quiet from 20:00Z to 07:00Z.
            "2026-04-10T19:59:00Z, now",
            "2026-04-10T20:00:00Z, 2026-04-11T07:00:00Z",
            "2026-04-10T22:30:00Z, 2026-04-11T07:00:00Z",
            "2026-04-10T23:30:00Z, 2026-04-11T07:00:00Z",
            "2026-04-11T02:00:00Z, 2026-04-11T07:00:00Z",
            "2026-04-11T06:59:00Z, 2026-04-11T07:00:00Z",
            "2026-04-11T07:00:00Z, now"})
    void quietHoursRunAcrossMidnightInTheCustomersZone(String now, String until) {
        SendDecision decision = email(LONDON, List.of(), now);

        if (until.equals("now")) {
            assertThat(decision).isEqualTo(new SendNow());
        } else {
            assertThat(decision).isInstanceOf(Defer.class);
            assertThat(((Defer) decision).until()).isEqualTo(until);
            assertThat(((Defer) decision).reason()).isEqualTo(DeferReason.QUIET_HOURS);
        }
    }

    @Test
    void theDeferralSaysWhyAndUntilWhenInTheCustomersTime() {
        assertThat(email(LONDON, List.of(), "2026-04-10T22:30:00Z")).isEqualTo(new Defer(at("2026-04-11T07:00:00Z"),
                DeferReason.QUIET_HOURS, "quiet hours 21:00-08:00; until 2026-04-11 08:00 Europe/London"));
    }

    @Test
    void quietHoursEndAtEightLocalOnTheNightTheClocksGoForwardInLondon() {
        // 00:30 GMT on 29 March 2026; at 01:00 GMT clocks go to 02:00 BST, so 08:00 that morning is 07:00 UTC.
        assertThat(email(LONDON, List.of(), "2026-03-29T00:30:00Z"))
                .isEqualTo(new Defer(at("2026-03-29T07:00:00Z"), DeferReason.QUIET_HOURS,
                        "quiet hours 21:00-08:00; until 2026-03-29 08:00 Europe/London"));
    }

    @Test
    void quietHoursEndAtEightLocalOnTheNightTheClocksGoBackInNewYork() {
        // Midnight EDT on 1 November 2026; at 02:00 EDT clocks go back to 01:00 EST, so 08:00 is 13:00 UTC.
        assertThat(((Defer) email(NEW_YORK, List.of(), "2026-11-01T04:00:00Z")).until())
                .isEqualTo("2026-11-01T13:00:00Z");
        // 21:00 EST that evening is 02:00 UTC, an hour later in UTC than the evening before.
        assertThat(email(NEW_YORK, List.of(), "2026-11-02T01:30:00Z")).isEqualTo(new SendNow());
        assertThat(email(NEW_YORK, List.of(), "2026-10-31T01:30:00Z")).isInstanceOf(Defer.class);
    }

    @Test
    void aCustomerWithoutAKnownZoneGetsTheDefaultZone() {
        SendPolicy berlinDefault = new SendPolicy(new PolicySettings(ZoneId.of("Europe/Berlin"),
                PolicySettings.defaults().quietHours(), PolicySettings.defaults().channels()));
        Contact noZone = Contact.builder("carl").email("carl@example.com").build();
        Contact badZone = noZone.toBuilder().timeZone("Mars/Olympus_Mons").build();

        // 19:30 UTC is 21:30 in Berlin (CEST): quiet until 08:00 CEST, 06:00 UTC.
        for (Contact contact : List.of(noZone, badZone)) {
            assertThat(berlinDefault.decide(Channel.EMAIL, PROMO, contact, List.of(), at("2026-04-10T19:30:00Z")))
                    .isEqualTo(new Defer(at("2026-04-11T06:00:00Z"), DeferReason.QUIET_HOURS,
                            "quiet hours 21:00-08:00; until 2026-04-11 08:00 Europe/Berlin"));
        }
        assertThat(policy.zoneOf(noZone)).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void theDailyCapDefersAPromotionalMessageToTheNextAllowedSlotInsteadOfDroppingIt() {
        List<SentMessage> twoToday = List.of(email("2026-04-10T08:00:00Z"), email("2026-04-10T11:00:00Z"));

        // Two emails today reach the cap of 2; tomorrow starts at midnight, which is quiet, so 08:00 BST.
        assertThat(email(LONDON, twoToday, "2026-04-10T13:00:00Z")).isEqualTo(new Defer(at("2026-04-11T07:00:00Z"),
                DeferReason.DAILY_CAP, "frequency cap of 2 email per day reached; until 2026-04-11 08:00 "
                        + "Europe/London"));
    }

    @Test
    void theDayIsTheCustomersCalendarDayNotUtcs() {
        // Two emails at 23:00 and 23:30 EDT on 9 April are 03:00 and 03:30 UTC on 10 April.
        List<SentMessage> lastNight = List.of(email("2026-04-10T03:00:00Z"), email("2026-04-10T03:30:00Z"));

        assertThat(email(NEW_YORK, lastNight, "2026-04-10T14:00:00Z")).isEqualTo(new SendNow());
        assertThat(email(NEW_YORK, lastNight, "2026-04-10T03:45:00Z")).isInstanceOf(Defer.class);
    }

    @Test
    void theWeeklyCapDefersToMondayMorning() {
        // Monday 6 to Friday 10 April 2026, one email a day: the weekly cap of 5 is reached.
        List<SentMessage> week = List.of(email("2026-04-06T10:00:00Z"), email("2026-04-07T10:00:00Z"),
                email("2026-04-08T10:00:00Z"), email("2026-04-09T10:00:00Z"), email("2026-04-10T10:00:00Z"));

        SendDecision saturday = email(LONDON, week, "2026-04-11T10:00:00Z");

        assertThat(saturday).isEqualTo(new Defer(at("2026-04-13T07:00:00Z"), DeferReason.WEEKLY_CAP,
                "frequency cap of 5 email per week reached; until 2026-04-13 08:00 Europe/London"));
        assertThat(email(LONDON, week, "2026-04-13T07:00:00Z")).isEqualTo(new SendNow());
    }

    @Test
    void transactionalMessagesIgnoreCapsAndDoNotCountButKeepQuietHours() {
        List<SentMessage> twoToday = List.of(email("2026-04-10T08:00:00Z"), email("2026-04-10T11:00:00Z"));
        List<SentMessage> twoTransactional = List.of(
                new SentMessage(Channel.EMAIL, Priority.TRANSACTIONAL, at("2026-04-10T08:00:00Z")),
                new SentMessage(Channel.EMAIL, Priority.TRANSACTIONAL, at("2026-04-10T11:00:00Z")));

        assertThat(policy.decide(Channel.EMAIL, Priority.TRANSACTIONAL, LONDON, twoToday, at("2026-04-10T13:00:00Z")))
                .isEqualTo(new SendNow());
        assertThat(email(LONDON, twoTransactional, "2026-04-10T13:00:00Z")).isEqualTo(new SendNow());
        assertThat(policy.decide(Channel.EMAIL, Priority.TRANSACTIONAL, LONDON, List.of(), at("2026-04-10T22:00:00Z")))
                .isInstanceOf(Defer.class);
    }

    @Test
    void capsCountEachChannelApart() {
        List<SentMessage> smsToday = List.of(new SentMessage(Channel.SMS, PROMO, at("2026-04-10T09:00:00Z")));

        assertThat(email(LONDON, smsToday, "2026-04-10T13:00:00Z")).isEqualTo(new SendNow());
        assertThat(((Defer) policy.decide(Channel.SMS, PROMO, LONDON, smsToday, at("2026-04-10T13:00:00Z"))).reason())
                .isEqualTo(DeferReason.DAILY_CAP);
    }

    @Test
    void whenMessagesCompeteForOneSlotTheHigherPriorityGoesFirstAndTheOtherWaitsForTheNextSlot() {
        List<PendingMessage> due = new ArrayList<>(List.of(
                new PendingMessage("newsletter", Channel.SMS, PROMO, at("2026-04-10T08:00:00Z")),
                new PendingMessage("reward", Channel.SMS, new Priority(60), at("2026-04-10T09:00:00Z")),
                new PendingMessage("tips", Channel.SMS, PROMO, at("2026-04-10T07:00:00Z"))));
        due.sort(PendingMessage.DISPATCH_ORDER);
        Instant now = at("2026-04-10T12:00:00Z");
        List<SentMessage> history = new ArrayList<>();
        Map<String, SendDecision> decisions = new LinkedHashMap<>();
        for (PendingMessage message : due) {
            SendDecision decision = policy.decide(message.channel(), message.priority(), LONDON, history, now);
            decisions.put(message.id(), decision);
            if (decision instanceof SendNow) {
                history.add(new SentMessage(message.channel(), message.priority(), now));
            }
        }

        assertThat(decisions.keySet()).containsExactly("reward", "tips", "newsletter");
        assertThat(decisions.get("reward")).isEqualTo(new SendNow());
        assertThat(((Defer) decisions.get("tips")).until()).isEqualTo("2026-04-11T07:00:00Z");
        assertThat(((Defer) decisions.get("newsletter")).until()).isEqualTo("2026-04-11T07:00:00Z");
    }

    @Test
    void nothingGoesOnAChannelTheCustomerLeftWhateverThePriority() {
        Contact unsubscribed = LONDON.toBuilder().consent(Channel.EMAIL, false).build();

        for (Priority priority : List.of(PROMO, Priority.TRANSACTIONAL)) {
            assertThat(policy.decide(Channel.EMAIL, priority, unsubscribed, List.of(), at("2026-04-10T13:00:00Z")))
                    .isEqualTo(new Suppress(SuppressReason.CONSENT_WITHDRAWN,
                            "the customer withdrew consent to email"));
        }
        assertThat(policy.decide(Channel.SMS, PROMO, unsubscribed, List.of(), at("2026-04-10T13:00:00Z")))
                .isEqualTo(new SendNow());
    }

    @Test
    void emailNeedsNoOptInButSmsAndPushDoAndWebhooksGoAnyTime() {
        Contact silent = Contact.builder("dora").email("dora@example.com").phone("+15555550100")
                .timeZone("Europe/London").build();
        Instant lateEvening = at("2026-04-10T22:00:00Z");

        assertThat(policy.decide(Channel.EMAIL, PROMO, silent, List.of(), at("2026-04-10T13:00:00Z")))
                .isEqualTo(new SendNow());
        assertThat(policy.decide(Channel.SMS, PROMO, silent, List.of(), at("2026-04-10T13:00:00Z")))
                .isEqualTo(new Suppress(SuppressReason.NO_CONSENT, "the customer never opted in to sms"));
        assertThat(((Suppress) policy.decide(Channel.PUSH, PROMO, silent, List.of(), at("2026-04-10T13:00:00Z")))
                .reason()).isEqualTo(SuppressReason.NO_CONSENT);
        assertThat(policy.decide(Channel.PUSH, PROMO, silent.toBuilder().consent(Channel.PUSH, true).build(),
                List.of(), at("2026-04-10T13:00:00Z"))).isEqualTo(new SendNow());
        List<SentMessage> manyHooks = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            manyHooks.add(new SentMessage(Channel.WEBHOOK, PROMO, at("2026-04-10T10:00:00Z")));
        }
        assertThat(policy.decide(Channel.WEBHOOK, PROMO, silent, manyHooks, lateEvening)).isEqualTo(new SendNow());
    }

    @Test
    void suppressedAddressesErasedCustomersAndMissingAddressesGetNothing() {
        Instant now = at("2026-04-10T13:00:00Z");
        Contact bounced = LONDON.toBuilder().suppressed(Channel.EMAIL, "hard bounce").build();
        Contact erased = LONDON.toBuilder().deleted().build();
        Contact noAddress = Contact.builder("eve").consent(Channel.SMS, true).build();

        assertThat(policy.decide(Channel.EMAIL, Priority.TRANSACTIONAL, bounced, List.of(), now))
                .isEqualTo(new Suppress(SuppressReason.SUPPRESSED, "email suppressed: hard bounce"));
        assertThat(policy.decide(Channel.SMS, Priority.TRANSACTIONAL, erased, List.of(), now))
                .isEqualTo(new Suppress(SuppressReason.CUSTOMER_DELETED, "the customer was erased"));
        assertThat(policy.decide(Channel.EMAIL, PROMO, noAddress, List.of(), now))
                .isEqualTo(new Suppress(SuppressReason.NO_ADDRESS, "no email address"));
        assertThat(policy.decide(Channel.SMS, PROMO, noAddress, List.of(), now))
                .isEqualTo(new Suppress(SuppressReason.NO_ADDRESS, "no phone number"));
    }

    @Test
    void aSunsetChannelGetsNoPromotionsButStillTransactionalMessages() {
        Contact sunset = LONDON.toBuilder().sunset(Channel.EMAIL).build();
        Instant now = at("2026-04-10T13:00:00Z");

        assertThat(((Suppress) policy.decide(Channel.EMAIL, PROMO, sunset, List.of(), now)).reason())
                .isEqualTo(SuppressReason.SUNSET);
        assertThat(policy.decide(Channel.EMAIL, Priority.TRANSACTIONAL, sunset, List.of(), now))
                .isEqualTo(new SendNow());
        assertThat(policy.decide(Channel.SMS, PROMO, sunset, List.of(), now)).isEqualTo(new SendNow());
    }

    @Test
    void quietHoursWithinOneDayAndSettingsPerChannelAreHonoured() {
        Map<Channel, ChannelRules> channels = new EnumMap<>(PolicySettings.defaults().channels());
        channels.put(Channel.EMAIL, new ChannelRules(1, 3, false, true));
        SendPolicy lunchQuiet = new SendPolicy(new PolicySettings(ZoneId.of("UTC"),
                new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0)), channels));
        Contact utc = Contact.builder("fay").email("fay@example.com").phone("+15555550101")
                .consent(Channel.SMS, true).build();

        assertThat(((Defer) lunchQuiet.decide(Channel.SMS, PROMO, utc, List.of(), at("2026-04-10T12:30:00Z"))).until())
                .isEqualTo("2026-04-10T14:00:00Z");
        assertThat(lunchQuiet.decide(Channel.SMS, PROMO, utc, List.of(), at("2026-04-10T23:30:00Z")))
                .isEqualTo(new SendNow());
        assertThat(lunchQuiet.decide(Channel.EMAIL, PROMO, utc, List.of(), at("2026-04-10T12:30:00Z")))
                .isEqualTo(new SendNow());
        assertThat(((Defer) lunchQuiet.decide(Channel.EMAIL, PROMO, utc, List.of(email("2026-04-10T01:00:00Z")),
                at("2026-04-10T12:30:00Z"))).until()).isEqualTo("2026-04-11T00:00:00Z");
    }
}
