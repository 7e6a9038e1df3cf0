package org.lifecycle.segmentation.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityLogTest {

    @Test
    void anEventStopsCountingAtTheExpiryNextExpiryAnnounces() {
        ActivityLog log = new ActivityLog();
        log.record("Product Reviewed", Instant.parse("2025-03-01T09:30:00Z"), Map.of());
        Duration year = Duration.ofDays(365);
        Instant now = Instant.parse("2025-06-01T00:00:00Z");

        Instant expiry = log.nextExpiry("Product Reviewed", year, now);

        assertThat(expiry).isEqualTo(Instant.parse("2025-03-01T10:00:00Z").plus(year));
        assertThat(log.countWithin("Product Reviewed", year, expiry.minusSeconds(1))).isEqualTo(1);
        assertThat(log.countWithin("Product Reviewed", year, expiry)).isZero();
    }
}
