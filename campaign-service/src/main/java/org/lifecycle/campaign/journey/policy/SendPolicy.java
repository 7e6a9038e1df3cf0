package org.lifecycle.campaign.journey.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.definition.Priority;
import org.lifecycle.campaign.journey.policy.SendDecision.DeferReason;
import org.lifecycle.campaign.journey.policy.SendDecision.SuppressReason;
import org.lifecycle.contracts.dispatch.Channel;

/**
 * Decides, for one message to one customer at one moment, whether it goes now, waits, or never goes (JOURNEYS.md,
 * "Send policy"): deletion, suppression, consent, address and sunset first, since nothing makes those right later;
 * then quiet hours and frequency caps, which only hold a message until the next moment it may go.
 * <ul>
 * <li>Caps count the customer's promotional messages on the channel per calendar day and per calendar week (Monday to
 * Sunday) in the customer's time zone. Transactional messages neither count nor wait for caps.</li>
 * <li>Quiet hours hold every message on a channel they apply to, transactional ones too.</li>
 * <li>Consent, suppression and deletion hold for every priority: no message goes to a channel the customer left.</li>
 * </ul>
 */
public final class SendPolicy {

    /** Each round moves past one quiet period, day or week; a handful always reaches a free slot. */
    private static final int MAX_ROUNDS = 16;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PolicySettings settings;

    public SendPolicy(PolicySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param history the messages sent to the customer, at least those of the current calendar week; others are
     *        ignored
     */
    public SendDecision decide(Channel channel, Priority priority, Contact contact, List<SentMessage> history,
            Instant now) {
        ChannelRules rules = settings.rules(channel);
        if (contact.deleted()) {
            return new SendDecision.Suppress(SuppressReason.CUSTOMER_DELETED, "the customer was erased");
        }
        String suppression = contact.suppressions().get(channel);
        if (suppression != null) {
            return new SendDecision.Suppress(SuppressReason.SUPPRESSED,
                    channel.wireName() + " suppressed: " + suppression);
        }
        Boolean consent = contact.consent().get(channel);
        if (Boolean.FALSE.equals(consent)) {
            return new SendDecision.Suppress(SuppressReason.CONSENT_WITHDRAWN,
                    "the customer withdrew consent to " + channel.wireName());
        }
        if (consent == null && !rules.consentByDefault()) {
            return new SendDecision.Suppress(SuppressReason.NO_CONSENT,
                    "the customer never opted in to " + channel.wireName());
        }
        if ((channel == Channel.EMAIL && contact.email() == null)
                || (channel == Channel.SMS && contact.phone() == null)) {
            return new SendDecision.Suppress(SuppressReason.NO_ADDRESS,
                    "no " + (channel == Channel.EMAIL ? "email address" : "phone number"));
        }
        if (!priority.transactional() && contact.sunsetChannels().contains(channel)) {
            return new SendDecision.Suppress(SuppressReason.SUNSET,
                    channel.wireName() + " retired for promotional messages by a sunset");
        }
        return slot(channel, priority, rules, zoneOf(contact), history, now);
    }

    /** The customer's zone, or the default one when it is unknown or no zone. */
    public ZoneId zoneOf(Contact contact) {
        if (contact.timeZone() == null) {
            return settings.defaultZone();
        }
        try {
            return ZoneId.of(contact.timeZone());
        } catch (DateTimeException e) {
            return settings.defaultZone();
        }
    }

    /** Now, or the first later moment outside quiet hours with room under both caps. */
    private SendDecision slot(Channel channel, Priority priority, ChannelRules rules, ZoneId zone,
            List<SentMessage> history, Instant now) {
        List<LocalDate> counted = priority.transactional()
                ? List.of()
                : history.stream()
                        .filter(sent -> sent.channel() == channel && !sent.priority().transactional())
                        .map(sent -> sent.sentAt().atZone(zone).toLocalDate())
                        .toList();
        ZonedDateTime at = now.atZone(zone);
        DeferReason reason = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            DeferReason held = null;
            ZonedDateTime next = at;
            if (rules.quietHours() && settings.quietHours().contains(at.toLocalTime())) {
                held = DeferReason.QUIET_HOURS;
                next = settings.quietHours().endAfter(at);
            } else if (sameDay(counted, at.toLocalDate()) >= rules.perDay()) {
                held = DeferReason.DAILY_CAP;
                next = at.toLocalDate().plusDays(1).atStartOfDay(zone);
            } else if (sameWeek(counted, at.toLocalDate()) >= rules.perWeek()) {
                held = DeferReason.WEEKLY_CAP;
                next = at.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(zone);
            }
            if (held == null) {
                return reason == null
                        ? new SendDecision.SendNow()
                        : new SendDecision.Defer(at.toInstant(), reason, detail(reason, channel, rules, at));
            }
            reason = reason == null ? held : reason;
            at = next;
        }
        throw new IllegalStateException("No free slot for " + channel.wireName() + " within " + MAX_ROUNDS + " rounds");
    }

    private String detail(DeferReason reason, Channel channel, ChannelRules rules, ZonedDateTime until) {
        String why = switch (reason) {
            case QUIET_HOURS -> "quiet hours " + settings.quietHours().start() + "-" + settings.quietHours().end();
            case DAILY_CAP -> "frequency cap of " + rules.perDay() + " " + channel.wireName() + " per day reached";
            case WEEKLY_CAP -> "frequency cap of " + rules.perWeek() + " " + channel.wireName() + " per week reached";
        };
        return why + "; until " + WHEN.format(until) + " " + until.getZone().getId();
    }

    private static long sameDay(List<LocalDate> dates, LocalDate day) {
        return dates.stream().filter(day::equals).count();
    }

    private static long sameWeek(List<LocalDate> dates, LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate nextMonday = monday.plusWeeks(1);
        return dates.stream().filter(date -> !date.isBefore(monday) && date.isBefore(nextMonday)).count();
    }
}
