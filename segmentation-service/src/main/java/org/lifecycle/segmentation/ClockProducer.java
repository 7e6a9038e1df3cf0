package org.lifecycle.segmentation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;

/**
 * The clock every time rule runs on; tests replace it to move time. {@code lifecycle.clock.start}
 * ({@code LIFECYCLE_CLOCK_START}, an ISO instant) starts it at that moment instead of now and lets it run from there:
 * a store's history loaded as a demo or a rehearsal is then judged as if today were just after its last order, not
 * years later when every customer has lapsed.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(@ConfigProperty(name = "lifecycle.clock.start") Optional<Instant> start) {
        Clock system = Clock.systemUTC();
        if (start.isEmpty()) {
            return system;
        }
        Log.warnf("The clock starts at %s instead of now and runs from there (lifecycle.clock.start)", start.get());
        return Clock.offset(system, Duration.between(system.instant(), start.get()));
    }
}
