package org.lifecycle.campaign.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

/**
 * The runtime's clock in tests: real time plus an offset that tests only ever move forward, so waits, goal windows,
 * quiet hours and caps play out without waiting.
 */
@Singleton
public class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the runtime reads instants only");
    }

    /**
     * A fixed-offset zone in which it is now about {@code hour} o'clock by this clock (offsets from -11 to +12 hours
     * reach every hour), e.g. a customer for whom it is midday or night.
     */
    public String zoneWhereItIs(int hour) {
        int utcHour = instant().atZone(ZoneOffset.UTC).getHour();
        int diff = Math.floorMod(hour - utcHour + 11, 24) - 11;
        return ZoneOffset.ofHours(diff).getId();
    }
}
