package org.lifecycle.analytics.aggregate.service;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The zone the figures' days are cut in, and today's date there. */
@Schema(description = "The reporting zone (lifecycle.analytics.zone) and today's date in it")
public record ReportingCalendar(
        @Schema(examples = "Europe/Berlin") String zone,
        @Schema(examples = "2011-12-09") LocalDate today) {
}
