package org.lifecycle.segmentation.segment.service;

import java.time.Instant;

import org.lifecycle.contracts.membership.SegmentKind;
import org.lifecycle.segmentation.job.service.Job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A segment as the API shows it: built in (a stage, an RFM group, a behaviour segment) or defined by a marketer.
 *
 * @param id as {@code lifecycle.memberships} names the segment: the key of a built-in one, the UUID of a custom one
 * @param key as memberships and journeys carry it: {@code stage.active}, {@code rfm.champions},
 *        {@code behaviour.engaged}, or a custom segment's own key without prefix ({@code big_spenders})
 * @param rule the rule in the rule language (RULES.md); {@code null} where the rule is code (default stages, RFM
 *        groups)
 * @param ruleText who is in it, in words
 * @param version a custom segment's version, incremented on every change; {@code null} for built-in ones
 * @param job after a change, the job that decides every profile again; absent otherwise
 */
public record Segment(String id, String key, SegmentKind kind, String name, String description, JsonNode rule,
        String ruleText, Integer version, Instant createdAt, Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Job job) {
}
