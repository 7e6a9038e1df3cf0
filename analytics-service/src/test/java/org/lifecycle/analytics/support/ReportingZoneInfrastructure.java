package org.lifecycle.analytics.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * A database and topics of their own, with days cut in a zone far from UTC, so a test sees only its own stages and
 * can tell the reporting zone's days and "today" from UTC's: UTC+14 when its date is already another than UTC's (from
 * 10:00 UTC), else UTC-11 (whose date is still the day before until 11:00 UTC).
 */
public class ReportingZoneInfrastructure extends IsolatedInfrastructure {

    public static final ZoneId ZONE = LocalDate.now(ZoneId.of("Pacific/Kiritimati")).equals(LocalDate.now(
            ZoneOffset.UTC)) ? ZoneId.of("Pacific/Pago_Pago") : ZoneId.of("Pacific/Kiritimati");

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("lifecycle.analytics.zone", ZONE.getId());
        return config;
    }
}
