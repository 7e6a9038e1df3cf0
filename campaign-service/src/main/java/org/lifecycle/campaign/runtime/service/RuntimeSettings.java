package org.lifecycle.campaign.runtime.service;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The journey runtime's settings ({@code lifecycle.runtime.*}). */
@ConfigMapping(prefix = "lifecycle.runtime")
public interface RuntimeSettings {

    /** Whether this replica runs the sweeps (timers, broadcasts, dispatch); every replica may. */
    @WithDefault("true")
    boolean sweeperEnabled();

    /** How often the sweeps look for due work when nothing wakes them: a due timer fires within this much. */
    @WithDefault("1s")
    Duration sweepInterval();

    /** How many messages one dispatch sweep claims in one transaction. */
    @WithDefault("200")
    int batchSize();

    /**
     * How many due timers one timer sweep claims in one transaction (and how many segment members one broadcast page
     * enrolls): their enrollments, messages and dispatch records are written with one statement per kind.
     */
    @WithDefault("1000")
    int stepBatchSize();

    /** How many threads of this replica fire due timers side by side (each claims its own batch). */
    @WithDefault("2")
    int timerThreads();

    /** How old a trigger may be (event time) and still enroll: replays and imports start no journeys. */
    @WithDefault("24h")
    Duration maxTriggerAge();

    /** The share of all customers in the global control group; 0 for none. */
    @WithDefault("0")
    BigDecimal globalControlPercent();

    /** The global control group's salt: a new salt draws a new group. */
    @WithDefault("lifecycle")
    String globalControlSalt();

    /**
     * How long a message may stay 'sending' before it is taken for interrupted (its dispatcher stopped before the
     * channel's answer was recorded): it is then marked failed, never sent again.
     */
    @WithDefault("15m")
    Duration stuckSendingAfter();
}
