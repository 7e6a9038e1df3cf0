package org.lifecycle.analytics.support;

import java.util.HashMap;
import java.util.Map;

/**
 * A database and topics of their own, with days cut in a zone far from UTC (UTC+14), so a test sees only its own
 * stages and can tell the reporting zone's days and "today" from UTC's.
 */
public class ReportingZoneInfrastructure extends IsolatedInfrastructure {

    public static final String ZONE = "Pacific/Kiritimati";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("lifecycle.analytics.zone", ZONE);
        return config;
    }
}
