package org.lifecycle.segmentation.rule;

import java.util.List;

import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.JsonProcessingException;

import static org.lifecycle.contracts.event.email.EmailEvents.EMAIL_LINK_CLICKED;
import static org.lifecycle.contracts.event.email.EmailEvents.EMAIL_OPENED;

/**
 * The built-in behaviour segments (DESIGN.md, "Behaviour segments"), written in the rule language so that they are
 * explained, scheduled and reviewed exactly like a marketer's own. Each comes in a pair: the segment and its
 * complement among the customers it is about. Callers publish them as {@code behaviour.<key>}.
 *
 * @param engagedWithinDays {@code engaged}: a page or screen view, email open or click within this many days (30)
 * @param repeatBuyerMinOrders {@code repeat_buyers}: at least this many orders ever (2); {@code occasional_buyers}
 *        have at least one and fewer than this
 * @param responsiveWithinDays {@code responsive}: an email open or click within this many days (90)
 * @param loyalWithinDays {@code loyal}: the window orders and advocacy are counted in (365)
 * @param loyalMinOrders {@code loyal}: at least this many orders in the window (3)
 * @param advocateMinOrders {@code loyal}: or at least this many orders in the window (2) plus a review or a referral
 */
public record BehaviourSegments(int engagedWithinDays, int repeatBuyerMinOrders, int responsiveWithinDays,
        int loyalWithinDays, int loyalMinOrders, int advocateMinOrders) {

    public static final String PAGE_VIEWED = "Page Viewed";
    public static final String SCREEN_VIEWED = "Screen Viewed";
    public static final String PRODUCT_REVIEWED = "Product Reviewed";
    public static final String REFERRAL_COMPLETED = "Referral Completed";

    public BehaviourSegments {
        requireWindow("engagedWithinDays", engagedWithinDays);
        requireWindow("responsiveWithinDays", responsiveWithinDays);
        requireWindow("loyalWithinDays", loyalWithinDays);
        requireAtLeast("repeatBuyerMinOrders", repeatBuyerMinOrders, 2);
        requireAtLeast("loyalMinOrders", loyalMinOrders, 1);
        requireAtLeast("advocateMinOrders", advocateMinOrders, 1);
    }

    /** The documented defaults. */
    public BehaviourSegments() {
        this(30, 2, 90, 365, 3, 2);
    }

    /** The eight segments, each followed by its complement. */
    public List<SegmentDefinition> definitions() {
        return List.of(engaged(), notEngaged(), repeatBuyers(), occasionalBuyers(), responsive(), nonResponsive(),
                loyal(), notLoyal());
    }

    public SegmentDefinition engaged() {
        return new SegmentDefinition("engaged", "Engaged",
                "Viewed a page or screen, or opened or clicked an email, in the last " + engagedWithinDays + " days",
                engagedRule());
    }

    public SegmentDefinition notEngaged() {
        return new SegmentDefinition("not_engaged", "Not engaged",
                "No page or screen view and no email open or click in the last " + engagedWithinDays + " days",
                new Not(engagedRule()));
    }

    public SegmentDefinition repeatBuyers() {
        return new SegmentDefinition("repeat_buyers", "Repeat buyers",
                "Placed at least " + repeatBuyerMinOrders + " orders", rule("""
                        {"orders": {"gte": %d}}
                        """.formatted(repeatBuyerMinOrders)));
    }

    public SegmentDefinition occasionalBuyers() {
        return new SegmentDefinition("occasional_buyers", "Occasional buyers",
                "Placed at least one order but fewer than " + repeatBuyerMinOrders, rule("""
                        {"all": [{"orders": {"gte": 1}}, {"orders": {"lt": %d}}]}
                        """.formatted(repeatBuyerMinOrders)));
    }

    public SegmentDefinition responsive() {
        return new SegmentDefinition("responsive", "Responsive",
                "Opened or clicked an email in the last " + responsiveWithinDays + " days", responsiveRule());
    }

    /** Only customers we can email can be non-responsive to it. */
    public SegmentDefinition nonResponsive() {
        return new SegmentDefinition("non_responsive", "Non-responsive",
                "Has an email address but opened and clicked no email in the last " + responsiveWithinDays + " days",
                new AllOf(List.of(new TraitCondition("email", TraitOp.EXISTS, null), new Not(responsiveRule()))));
    }

    public SegmentDefinition loyal() {
        return new SegmentDefinition("loyal", "Loyal",
                "At least " + loyalMinOrders + " orders in the last " + loyalWithinDays + " days, or at least "
                        + advocateMinOrders + " orders and a product review or a referral in that time",
                loyalRule());
    }

    /** Only customers who ordered can be not loyal: a prospect is not a disloyal customer. */
    public SegmentDefinition notLoyal() {
        return new SegmentDefinition("not_loyal", "Not loyal", "Has ordered, but is not loyal",
                new AllOf(List.of(new OrderCount(Comparison.of(Comparison.Op.GTE, 1), OrderWindow.EVER),
                        new Not(loyalRule()))));
    }

    private Rule engagedRule() {
        return rule("""
                {"any": [
                  {"event": "%s", "count": {"gte": 1}, "within_days": %d},
                  {"event": "%s", "count": {"gte": 1}, "within_days": %d},
                  {"event": "%s", "count": {"gte": 1}, "within_days": %d},
                  {"event": "%s", "count": {"gte": 1}, "within_days": %d}
                ]}
                """.formatted(PAGE_VIEWED, engagedWithinDays, SCREEN_VIEWED, engagedWithinDays, EMAIL_OPENED,
                engagedWithinDays, EMAIL_LINK_CLICKED, engagedWithinDays));
    }

    private Rule responsiveRule() {
        return rule("""
                {"any": [
                  {"event": "%s", "count": {"gte": 1}, "within_days": %d},
                  {"event": "%s", "count": {"gte": 1}, "within_days": %d}
                ]}
                """.formatted(EMAIL_OPENED, responsiveWithinDays, EMAIL_LINK_CLICKED, responsiveWithinDays));
    }

    private Rule loyalRule() {
        return rule("""
                {"any": [
                  {"orders": {"gte": %d}, "within_days": %d},
                  {"all": [
                    {"orders": {"gte": %d}, "within_days": %d},
                    {"any": [
                      {"event": "%s", "count": {"gte": 1}, "within_days": %d},
                      {"event": "%s", "count": {"gte": 1}, "within_days": %d}
                    ]}
                  ]}
                ]}
                """.formatted(loyalMinOrders, loyalWithinDays, advocateMinOrders, loyalWithinDays, PRODUCT_REVIEWED,
                loyalWithinDays, REFERRAL_COMPLETED, loyalWithinDays));
    }

    /** The definitions are constants of the code: a parse failure here is a bug, not bad input. */
    private static Rule rule(String json) {
        try {
            return RuleParser.parse(LifecycleJson.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid built-in rule JSON: " + json, e);
        }
    }

    private static void requireWindow(String name, int days) {
        if (days < 1 || days > Rule.MAX_WITHIN_DAYS) {
            throw new IllegalArgumentException(name + " must be 1.." + Rule.MAX_WITHIN_DAYS + ", was " + days);
        }
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
    }
}
