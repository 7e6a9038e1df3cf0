package org.lifecycle.segmentation.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay runs. */
@ConfigMapping(prefix = "lifecycle.outbox")
public interface OutboxSettings {

    /** Off only in tests that play the relay's part by hand. */
    @WithDefault("true")
    boolean relayEnabled();

    /** How long the relay sleeps when the outbox is empty and nothing in this process woke it. */
    @WithDefault("200ms")
    Duration pollInterval();

    @WithDefault("1000")
    int batchSize();

    /**
     * How many of a partition's latest records are searched for messages a relay that stopped may have sent without
     * deleting them; more than one batch, so all of its last batch is found.
     */
    @WithDefault("5000")
    int fenceWindow();

    /** With autovacuum off, the outbox is vacuumed after this many deletions so its scans stay short. */
    @WithDefault("50000")
    long vacuumEvery();
}
