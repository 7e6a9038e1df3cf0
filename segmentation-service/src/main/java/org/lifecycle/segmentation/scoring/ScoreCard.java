package org.lifecycle.segmentation.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lifecycle.segmentation.profile.ActivityLog;
import org.lifecycle.segmentation.profile.ProfileFacts;
import org.lifecycle.segmentation.rule.Rule;

/**
 * The scoring plans in force, and what they make of one customer at one moment. Pure: the score at {@code now} is a
 * function of the customer's activity (hourly buckets, as event windows read it), traits and orders, so it is the
 * same live, in a backfill and in a historical import, and time alone changes it only by decay.
 *
 * <p>
 * Per rule, event points are summed with decay applied, then held within the rule's cap (either way); a condition
 * rule gives its points while its condition holds. The plan's score is the sum over its rules, never below 0 and at
 * most the plan's cap, rounded to 2 decimals.
 */
public final class ScoreCard {

    /** How many moments at which a score could change {@link #score} looks through for one where it does. */
    private static final int LOOK_AHEAD = 16;
    /** How many contributions an explanation lists per rule, newest first. */
    private static final int EXPLAINED_EVENTS = 50;

    private final List<ScoringPlan> plans;
    private final int keptDays;

    /**
     * @param keptDays the days of activity kept ({@code lifecycle.segmentation.history-days}): event points count at
     *        most that long, whatever the decay, so a score never depends on when old activity happens to be pruned
     */
    public ScoreCard(List<ScoringPlan> plans, int keptDays) {
        this.plans = List.copyOf(plans);
        this.keptDays = keptDays;
    }

    public static ScoreCard none() {
        return new ScoreCard(List.of(), 1);
    }

    public List<ScoringPlan> plans() {
        return plans;
    }

    /**
     * Every plan's score at {@code now}.
     *
     * @param scores by plan key
     * @param nextChange the next moment after {@code now} at which time alone changes a score (a halving, an expiry,
     *        a condition changing), {@code null} when only an event can
     */
    public record Result(Map<String, Double> scores, Instant nextChange) {
    }

    public Result score(ProfileFacts facts, Instant now) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Instant next = null;
        for (ScoringPlan plan : plans) {
            double score = planScore(plan, facts, now);
            scores.put(plan.key(), score);
            next = Rule.earliest(next, nextChange(plan, facts, now, score));
        }
        return new Result(Collections.unmodifiableMap(scores), next);
    }

    /**
     * The first moment after {@code now} at which the plan's score differs from {@code score}: moments where a
     * contribution halves or expires but a cap hides it are skipped, up to {@link #LOOK_AHEAD} of them (the moment
     * reached is returned then: early is allowed, late never).
     */
    private Instant nextChange(ScoringPlan plan, ProfileFacts facts, Instant now, double score) {
        Instant cursor = now;
        for (int i = 0; i < LOOK_AHEAD; i++) {
            Instant candidate = nextMoment(plan, facts, cursor);
            if (candidate == null) {
                return null;
            }
            if (planScore(plan, facts, candidate) != score) {
                return candidate;
            }
            cursor = candidate;
        }
        return cursor;
    }

    /** The next moment after {@code now} at which any contribution to the plan could change. */
    private Instant nextMoment(ScoringPlan plan, ProfileFacts facts, Instant now) {
        Instant next = null;
        for (ScoreRule rule : plan.rules()) {
            if (!rule.perEvent()) {
                next = Rule.earliest(next, rule.when().nextChange(facts, now));
                continue;
            }
            Decay decay = rule.decayUnder(plan.decay());
            List<ActivityLog.Bucket> buckets = facts.activity().buckets(rule.event());
            // Newest first: an older hour expires no later than a newer one, so the first expired hour ends the walk.
            for (int i = buckets.size() - 1; i >= 0; i--) {
                Instant start = start(buckets.get(i));
                if (start.isAfter(now)) {
                    next = Rule.earliest(next, start);
                    continue;
                }
                Instant end = start.plus(ActivityLog.BUCKET);
                Instant expiry = decay.expiry(end, keptDays);
                if (!expiry.isAfter(now)) {
                    break;
                }
                Instant halving = decay.nextHalving(end, now);
                next = Rule.earliest(next, halving != null && halving.isBefore(expiry) ? halving : expiry);
            }
        }
        return next;
    }

    double planScore(ScoringPlan plan, ProfileFacts facts, Instant now) {
        double total = 0;
        for (ScoreRule rule : plan.rules()) {
            total += ruleScore(plan, rule, facts, now);
        }
        return planCapped(plan, total);
    }

    private static double planCapped(ScoringPlan plan, double total) {
        double bounded = Math.max(0, total);
        if (plan.cap() != null) {
            bounded = Math.min(bounded, plan.cap().doubleValue());
        }
        return round(bounded);
    }

    private double ruleScore(ScoringPlan plan, ScoreRule rule, ProfileFacts facts, Instant now) {
        if (!rule.perEvent()) {
            return rule.when().matches(facts, now) ? rule.points().doubleValue() : 0;
        }
        double raw = 0;
        for (Contribution contribution : contributions(plan, rule, facts, now)) {
            raw += contribution.points();
        }
        return ruleCapped(rule, raw);
    }

    private static double ruleCapped(ScoreRule rule, double raw) {
        if (rule.cap() == null) {
            return raw;
        }
        double cap = rule.cap().doubleValue();
        return Math.max(-cap, Math.min(cap, raw));
    }

    /** What each hour of the rule's event gives at {@code now}, oldest first; hours whose points expired are left out. */
    private List<Contribution> contributions(ScoringPlan plan, ScoreRule rule, ProfileFacts facts, Instant now) {
        Decay decay = rule.decayUnder(plan.decay());
        List<ActivityLog.Bucket> buckets = facts.activity().buckets(rule.event());
        List<Contribution> out = new ArrayList<>();
        // Newest first, as in nextMoment: the first expired hour ends the walk.
        for (int i = buckets.size() - 1; i >= 0; i--) {
            ActivityLog.Bucket bucket = buckets.get(i);
            Instant start = start(bucket);
            if (start.isAfter(now)) {
                continue;
            }
            Instant end = start.plus(ActivityLog.BUCKET);
            Instant expiry = decay.expiry(end, keptDays);
            if (!expiry.isAfter(now)) {
                break;
            }
            double units = rule.property() == null
                    ? bucket.count()
                    : bucket.sums().getOrDefault(rule.property(), 0.0);
            if (units == 0) {
                continue;
            }
            int halvings = decay.halvings(end, now);
            double full = rule.points().doubleValue() * units;
            Instant halving = decay.nextHalving(end, now);
            out.add(new Contribution(start, units, full, full * Math.pow(0.5, halvings), halvings, expiry,
                    halving != null && halving.isBefore(expiry) ? halving : null));
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * What one hour of an event gives.
     *
     * @param hour the start of the hour
     * @param units how many events (or the sum of the rule's property over them)
     * @param earned the points they gave when new
     * @param points the points they give now, decay applied
     * @param halvings how many times the points halved
     * @param expiresAt when they stop counting
     * @param nextHalving when they halve next; {@code null} without halving
     */
    record Contribution(Instant hour, double units, double earned, double points, int halvings, Instant expiresAt,
            Instant nextHalving) {
    }

    /** Why each plan gives the customer their score at {@code now}: per rule, the events or condition behind it. */
    public List<ScoreExplanation> explain(ProfileFacts facts, Instant now) {
        List<ScoreExplanation> out = new ArrayList<>();
        for (ScoringPlan plan : plans) {
            double total = 0;
            List<ScoreExplanation.RuleScore> rules = new ArrayList<>();
            for (ScoreRule rule : plan.rules()) {
                if (!rule.perEvent()) {
                    boolean holds = rule.when().matches(facts, now);
                    double points = holds ? rule.points().doubleValue() : 0;
                    total += points;
                    rules.add(new ScoreExplanation.RuleScore(rule.key(), rule.describe(), number(points), null,
                            false, null, List.of(), 0, rule.when().explain(facts, now)));
                    continue;
                }
                List<Contribution> contributions = contributions(plan, rule, facts, now);
                double raw = 0;
                for (Contribution contribution : contributions) {
                    raw += contribution.points();
                }
                double capped = ruleCapped(rule, raw);
                total += capped;
                List<ScoreExplanation.EventPoints> events = new ArrayList<>();
                for (int i = contributions.size() - 1; i >= 0 && events.size() < EXPLAINED_EVENTS; i--) {
                    Contribution c = contributions.get(i);
                    events.add(new ScoreExplanation.EventPoints(rule.event(), c.hour(), number(c.units()),
                            number(c.earned()), number(c.points()), c.halvings(), c.nextHalving(), c.expiresAt()));
                }
                rules.add(new ScoreExplanation.RuleScore(rule.key(), rule.describe(), number(capped), number(raw),
                        capped != raw, rule.decayUnder(plan.decay()).words(), events,
                        contributions.size() - events.size(), null));
            }
            double score = planCapped(plan, total);
            out.add(new ScoreExplanation(plan.key(), plan.name(), plan.version(), number(score), number(total),
                    plan.cap() == null ? null : number(plan.cap().doubleValue()), score != round(total),
                    plan.decay().words(), rules));
        }
        return out;
    }

    private static Instant start(ActivityLog.Bucket bucket) {
        return Instant.ofEpochSecond(bucket.hour() * 3600);
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** A score as a marketer reads it: 2 decimals at most, {@code 50} not {@code 50.0}. */
    static BigDecimal number(double value) {
        BigDecimal decimal = BigDecimal.valueOf(round(value)).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }
}
