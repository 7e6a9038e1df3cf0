package org.lifecycle.ingestion.tracking.service;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The limits of the tracking API. Defaults are Segment's, so clients written for Segment stay within them. */
@ConfigMapping(prefix = "lifecycle.ingestion")
public interface TrackingLimits {

    /** Largest single message, in bytes of its JSON (Segment: 32 KB). */
    @WithDefault("32768")
    int maxEventBytes();

    /** Largest request body after decompression, in bytes (Segment: 500 KB). */
    @WithDefault("512000")
    int maxBatchBytes();

    /** How long a request waits for the broker to acknowledge its events before answering 503. */
    @WithDefault("10s")
    Duration produceTimeout();

    /** What a 503 tells clients to wait before retrying. */
    @WithDefault("5s")
    Duration retryAfter();
}
