package org.lifecycle.analytics.aggregate.service;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the aggregates count: the calendar they use, attribution and the stages that mean churn. */
@ConfigMapping(prefix = "lifecycle.analytics")
public interface AggregateConfig {

    /** The time zone whose calendar days and months the figures use; event time is cut into days in it. */
    @WithDefault("UTC")
    ZoneId zone();

    /** Days after a message (or a holdout entry) in which an order is credited to it, unless a request says otherwise. */
    @WithDefault("7")
    int attributionWindowDays();

    /** The confidence level of the intervals of A/B tests and holdout uplift. */
    @WithDefault("0.95")
    double confidence();

    /** The stage whose entry counts as churn. */
    @WithDefault("lapsed")
    String churnedStage();

    /** Stages of people who are not customers yet; they do not count as alive customers in the churn rate. */
    @WithDefault("prospect")
    Set<String> nonCustomerStages();

    /** Reasons on a {@code dispatch.suppressed} record that put the customer in the journey's control group. */
    @WithDefault("held_out,holdout,global_control")
    Set<String> holdoutReasons();

    /**
     * The lowest satisfaction score that counts as satisfied when the answer gives a score but no verdict (4 on the
     * usual 1–5 CSAT scale).
     */
    @WithDefault("4")
    double csatSatisfiedScore();

    /** How often the business gauges are read from the database. */
    @WithDefault("15s")
    Duration gaugeRefresh();
}
