package org.lifecycle.analytics.aggregate.service;

import java.time.LocalDate;

/**
 * What a figure is restricted to: an inclusive range of days (or of cohort months), and optionally the customers
 * currently in a stage or a segment (for campaign figures: in it when first sent the message).
 */
public record Filter(LocalDate from, LocalDate to, String stage, String segment) {
}
