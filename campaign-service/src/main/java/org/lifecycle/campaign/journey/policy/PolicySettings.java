package org.lifecycle.campaign.journey.policy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.lifecycle.contracts.dispatch.Channel;

/**
 * The send policy's settings.
 *
 * @param defaultZone the zone of a customer whose time zone is unknown or no zone
 * @param quietHours the quiet hours, the same wall-clock hours in every customer's zone
 * @param channels the rules of every channel
 */
public record PolicySettings(ZoneId defaultZone, QuietHours quietHours, Map<Channel, ChannelRules> channels) {

    public PolicySettings {
        Objects.requireNonNull(defaultZone, "defaultZone");
        Objects.requireNonNull(quietHours, "quietHours");
        for (Channel channel : Channel.values()) {
            if (!channels.containsKey(channel)) {
                throw new IllegalArgumentException("no rules for channel " + channel.wireName());
            }
        }
        channels = Map.copyOf(channels);
    }

    /**
     * UTC for unknown zones; quiet hours 21:00 to 08:00; email at most 2 a day and 5 a week, allowed until the
     * customer opts out; SMS 1 and 2, push 2 and 6, both only after an opt-in; webhooks uncapped, at any hour, since
     * they reach the company's own systems rather than a person.
     */
    public static PolicySettings defaults() {
        Map<Channel, ChannelRules> channels = new EnumMap<>(Channel.class);
        channels.put(Channel.EMAIL, new ChannelRules(2, 5, true, true));
        channels.put(Channel.SMS, new ChannelRules(1, 2, true, false));
        channels.put(Channel.PUSH, new ChannelRules(2, 6, true, false));
        channels.put(Channel.WEBHOOK, new ChannelRules(ChannelRules.UNLIMITED, ChannelRules.UNLIMITED, false, true));
        return new PolicySettings(ZoneId.of("UTC"), new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)), channels);
    }

    public ChannelRules rules(Channel channel) {
        return channels.get(channel);
    }
}
