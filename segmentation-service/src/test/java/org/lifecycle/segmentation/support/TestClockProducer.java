package org.lifecycle.segmentation.support;

import java.time.Instant;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Replaces the system clock in tests; it starts at a fixed moment so event times in tests are easy to read. */
public class TestClockProducer {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Produces
    @Singleton
    TestClock clock() {
        return new TestClock(START);
    }
}
