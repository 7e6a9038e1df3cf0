package org.lifecycle.campaign.runtime.service;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import org.lifecycle.campaign.journey.policy.ChannelRules;
import org.lifecycle.campaign.journey.policy.PolicySettings;
import org.lifecycle.campaign.journey.policy.QuietHours;
import org.lifecycle.contracts.dispatch.Channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The send policy's settings ({@code lifecycle.policy.*}, JOURNEYS.md "Send policy"); the defaults are
 * {@link PolicySettings#defaults()}. {@link #toSettings()} refuses an impossible value naming the property, and the
 * application does not start with one.
 */
@ConfigMapping(prefix = "lifecycle.policy")
public interface SendPolicyConfig {

    /** The word that lifts a cap. */
    String NO_CAP = "none";

    String PREFIX = "lifecycle.policy.";

    /** The zone of a customer whose time zone is unknown or no zone. */
    @WithDefault("UTC")
    String defaultZone();

    QuietHoursConfig quietHours();

    EmailRules email();

    SmsRules sms();

    PushRules push();

    WebhookRules webhook();

    /** Quiet hours, the same wall-clock hours in every customer's zone; a start after the end runs across midnight. */
    interface QuietHoursConfig {

        @WithDefault("21:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();
    }

    /**
     * One channel's rules: caps on promotional messages per calendar day and week in the customer's zone (a whole
     * number of at least 1, or {@value #NO_CAP}), whether quiet hours hold its messages and whether a customer who
     * never stated consent may be sent to.
     */
    interface Rules {

        String perDay();

        String perWeek();

        boolean quietHours();

        boolean consentByDefault();
    }

    interface EmailRules extends Rules {

        @Override
        @WithDefault("2")
        String perDay();

        @Override
        @WithDefault("5")
        String perWeek();

        @Override
        @WithDefault("true")
        boolean quietHours();

        @Override
        @WithDefault("true")
        boolean consentByDefault();
    }

    interface SmsRules extends Rules {

        @Override
        @WithDefault("1")
        String perDay();

        @Override
        @WithDefault("2")
        String perWeek();

        @Override
        @WithDefault("true")
        boolean quietHours();

        @Override
        @WithDefault("false")
        boolean consentByDefault();
    }

    interface PushRules extends Rules {

        @Override
        @WithDefault("2")
        String perDay();

        @Override
        @WithDefault("6")
        String perWeek();

        @Override
        @WithDefault("true")
        boolean quietHours();

        @Override
        @WithDefault("false")
        boolean consentByDefault();
    }

    /** Webhooks reach the company's own systems rather than a person: no caps, no quiet hours by default. */
    interface WebhookRules extends Rules {

        @Override
        @WithDefault(NO_CAP)
        String perDay();

        @Override
        @WithDefault(NO_CAP)
        String perWeek();

        @Override
        @WithDefault("false")
        boolean quietHours();

        @Override
        @WithDefault("true")
        boolean consentByDefault();
    }

    /** The settings, or an {@link IllegalStateException} naming the property whose value cannot work. */
    default PolicySettings toSettings() {
        ZoneId zone;
        try {
            zone = ZoneId.of(defaultZone().strip());
        } catch (RuntimeException e) {
            throw new IllegalStateException(PREFIX + "default-zone: '" + defaultZone()
                    + "' is not a time zone; use an IANA zone such as Europe/London, or UTC");
        }
        LocalTime start = quietHours().start();
        LocalTime end = quietHours().end();
        if (start.equals(end)) {
            throw new IllegalStateException(PREFIX + "quiet-hours.start and " + PREFIX
                    + "quiet-hours.end are both " + start + ": quiet hours need a start and an end that differ "
                    + "(to send at any hour on a channel, set " + PREFIX + "<channel>.quiet-hours=false)");
        }
        Map<Channel, ChannelRules> channels = new EnumMap<>(Channel.class);
        channels.put(Channel.EMAIL, rules("email", email()));
        channels.put(Channel.SMS, rules("sms", sms()));
        channels.put(Channel.PUSH, rules("push", push()));
        channels.put(Channel.WEBHOOK, rules("webhook", webhook()));
        return new PolicySettings(zone, new QuietHours(start, end), channels);
    }

    private static ChannelRules rules(String channel, Rules rules) {
        return new ChannelRules(cap(channel + ".per-day", rules.perDay()),
                cap(channel + ".per-week", rules.perWeek()), rules.quietHours(), rules.consentByDefault());
    }

    private static int cap(String property, String value) {
        String text = value.strip();
        if (NO_CAP.equalsIgnoreCase(text)) {
            return ChannelRules.UNLIMITED;
        }
        int cap;
        try {
            cap = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            cap = 0;
        }
        if (cap < 1) {
            throw new IllegalStateException(PREFIX + property + ": '" + value + "' is not a cap; use a whole number "
                    + "of at least 1 (messages per period), or " + NO_CAP + " for no cap");
        }
        return cap;
    }
}
