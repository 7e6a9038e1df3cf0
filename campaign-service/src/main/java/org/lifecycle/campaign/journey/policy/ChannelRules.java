package org.lifecycle.campaign.journey.policy;

/**
 * How the send policy treats one channel.
 *
 * @param perDay most promotional messages on the channel per calendar day in the customer's zone;
 *        {@link #UNLIMITED} for no cap
 * @param perWeek most per calendar week (Monday to Sunday) in the customer's zone
 * @param quietHours whether quiet hours hold the channel's messages
 * @param consentByDefault whether a customer who never stated consent on the channel may be sent to
 */
public record ChannelRules(int perDay, int perWeek, boolean quietHours, boolean consentByDefault) {

    public static final int UNLIMITED = Integer.MAX_VALUE;

    public ChannelRules {
        if (perDay < 1 || perWeek < 1) {
            throw new IllegalArgumentException("caps must be at least 1 (UNLIMITED for none), were " + perDay + " and "
                    + perWeek);
        }
    }
}
