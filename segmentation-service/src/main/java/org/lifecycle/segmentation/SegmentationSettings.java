package org.lifecycle.segmentation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The segmentation service's settings: {@code lifecycle.topic-prefix} and {@code lifecycle.segmentation.*} (environment: LIFECYCLE_SEGMENTATION_...). */
@ConfigMapping(prefix = "lifecycle")
public interface SegmentationSettings {

    /** Prefix of every topic name, for several installations on one broker (tests, staging); empty by default. */
    Optional<String> topicPrefix();

    /** The consumer group of the service's channels; {@code segmentation-service} by default. */
    Optional<String> consumerGroup();

    Segmentation segmentation();

    interface Segmentation {

        /** How far back per-event activity is kept; no segment may look back further. */
        @WithDefault("400")
        int historyDays();

        /** How often the time sweeper looks for profiles whose time-driven change is due. */
        @WithDefault("5s")
        Duration sweepInterval();

        /** Profiles per sweeper transaction. */
        @WithDefault("500")
        int sweepBatch();

        /** How often definitions (stage model, segments, RFM thresholds) changed by another replica are reloaded. */
        @WithDefault("10s")
        Duration definitionsRefresh();

        /** Profiles per transaction in jobs over every profile (segment backfill, stage model change). */
        @WithDefault("500")
        int jobBatch();

        /** Profiles per query when exporting CSV: the most an export holds in memory at once. */
        @WithDefault("1000")
        int exportPage();

        /**
         * How long a replica holds a job it runs without renewing its lease; each page of progress renews it. A job
         * whose lease ran out was left by a replica that stopped, and another replica resumes it from its cursor.
         */
        @WithDefault("1m")
        Duration jobLease();

        /** How often a replica looks for a job to run when none was started in this process. */
        @WithDefault("2s")
        Duration jobPollInterval();

        /**
         * How often the RFM thresholds are derived again from the store's orders (environment:
         * LIFECYCLE_SEGMENTATION_RFM_REFRESH); when they change, every profile is re-evaluated.
         */
        @WithDefault("10m")
        Duration rfmRefresh();

        /**
         * How far (relative) the store's average order value may move before the RFM thresholds are replaced and
         * every profile decided again (environment: LIFECYCLE_SEGMENTATION_RFM_AVERAGE_TOLERANCE); 0 replaces them on
         * any change. New recency edges always replace them.
         */
        @WithDefault("0.01")
        double rfmAverageTolerance();

        Stages stages();

        interface Stages {

            @WithDefault("90")
            int newCustomerDays();

            @WithDefault("2")
            int activeMinOrders();

            @WithDefault("365")
            int activeWindowDays();

            @WithDefault("90")
            int atRiskDays();

            @WithDefault("365")
            int lapsedDays();

            @WithDefault("4")
            int loyalMinOrders();

            @WithDefault("Product Reviewed,Referral Completed")
            List<String> advocateEvents();

            @WithDefault("365")
            int advocateWindowDays();
        }
    }
}
