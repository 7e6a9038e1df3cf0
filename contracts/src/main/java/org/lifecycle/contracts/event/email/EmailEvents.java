package org.lifecycle.contracts.event.email;

import java.util.List;

/**
 * Track event names of Segment's email spec. Campaign-service emits them onto {@code lifecycle.events} when a
 * message is delivered, opened or clicked, so engagement segments and campaign results read them like any other
 * event, and email providers that already send them through Segment work unchanged.
 */
public final class EmailEvents {

    public static final String EMAIL_DELIVERED = "Email Delivered";
    public static final String EMAIL_OPENED = "Email Opened";
    public static final String EMAIL_LINK_CLICKED = "Email Link Clicked";
    public static final String EMAIL_BOUNCED = "Email Bounced";
    public static final String EMAIL_MARKED_AS_SPAM = "Email Marked as Spam";
    /** Ends sending on the channel: consent is withdrawn, whatever journey the customer is in. */
    public static final String UNSUBSCRIBED = "Unsubscribed";

    public static final List<String> ALL = List.of(EMAIL_DELIVERED, EMAIL_OPENED, EMAIL_LINK_CLICKED, EMAIL_BOUNCED,
            EMAIL_MARKED_AS_SPAM, UNSUBSCRIBED);

    private EmailEvents() {
    }
}
