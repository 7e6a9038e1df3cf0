package org.lifecycle.analytics.aggregate.service;

import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.lifecycle.contracts.event.Context;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.PropertyValues;
import org.lifecycle.contracts.event.signal.SignalEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a page, screen or survey answer says about the visitor, for comparing visitors who ordered with those who did
 * not: dimension → value → count. Dimensions: {@code source} ("source / medium" as web analytics write it),
 * {@code device}, {@code browser}, {@code os}, {@code page} (path, with its views) and {@code answer:<question>} for
 * survey answers (and {@code answer:nps_category} for the NPS group).
 */
public final class VisitAttributes {

    public static final String SOURCE = "source";
    public static final String DEVICE = "device";
    public static final String BROWSER = "browser";
    public static final String OS = "os";
    public static final String PAGE = "page";
    public static final String PAGES_VIEWED = "pages_viewed";
    public static final String ANSWER_PREFIX = "answer:";
    public static final String DIRECT = "(direct) / (none)";

    private static final int MAX_VALUE = 200;
    private static final int MAX_ANSWERS = 50;

    private VisitAttributes() {
    }

    /** The attributes of a page or screen view; empty for other events. */
    public static Map<String, Map<String, Integer>> ofView(CustomerEvent event) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        if (event.type() != MessageType.PAGE && event.type() != MessageType.SCREEN) {
            return out;
        }
        Context context = event.typedContext();
        ObjectNode properties = event.properties();
        String source = source(context, properties);
        if (source != null) {
            put(out, SOURCE, source, 1);
        }
        String ua = context.userAgent();
        String deviceType = context.device().type();
        put(out, DEVICE, deviceType != null
                ? deviceType.toLowerCase(Locale.ROOT)
                : event.type() == MessageType.SCREEN && ua == null ? "mobile" : UserAgents.device(ua), 1);
        put(out, BROWSER, event.type() == MessageType.SCREEN && ua == null ? "(app)" : UserAgents.browser(ua), 1);
        String os = context.os().name();
        put(out, OS, os != null ? os : UserAgents.os(ua), 1);
        String path = PropertyValues.text(properties, "path");
        if (path == null) {
            path = context.page().path();
        }
        if (path == null) {
            path = event.name();
        }
        put(out, PAGE, path == null ? UserAgents.UNKNOWN : path, 1);
        return out;
    }

    /** The answers of a {@code Survey Responded}: each scalar answer (each label of a multiple choice). */
    public static Map<String, Map<String, Integer>> ofAnswers(CustomerEvent event, SignalAnswer scores) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        if (!SignalEvents.SURVEY_RESPONDED.equals(event.event())) {
            return out;
        }
        ObjectNode answers = PropertyValues.object(event.properties(), SignalEvents.ANSWERS);
        if (answers != null) {
            int count = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext()
                    && count < MAX_ANSWERS; count++) {
                Map.Entry<String, JsonNode> answer = it.next();
                String dimension = ANSWER_PREFIX + clip(answer.getKey());
                JsonNode value = answer.getValue();
                if (value.isArray()) {
                    for (JsonNode element : value) {
                        if (element.isValueNode() && !element.asText().isBlank()) {
                            put(out, dimension, element.asText(), 1);
                        }
                    }
                } else if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
                    put(out, dimension, value.asText(), 1);
                }
            }
        }
        if (scores != null && scores.npsCategory() != null) {
            put(out, ANSWER_PREFIX + "nps_category", scores.npsCategory(), 1);
        }
        return out;
    }

    /**
     * Where the visit came from: the UTM campaign's source and medium, else the referring site when it is another
     * site, else {@code (direct) / (none)} when there is no referrer; null for a move within the site.
     */
    static String source(Context context, ObjectNode properties) {
        Context.Campaign campaign = context.campaign();
        if (campaign.source() != null || campaign.medium() != null) {
            return (campaign.source() == null ? "(not set)" : campaign.source().toLowerCase(Locale.ROOT)) + " / "
                    + (campaign.medium() == null ? "(not set)" : campaign.medium().toLowerCase(Locale.ROOT));
        }
        String referrer = PropertyValues.text(properties, "referrer");
        if (referrer == null) {
            referrer = context.page().referrer();
        }
        if (referrer == null) {
            return DIRECT;
        }
        String from = host(referrer);
        if (from == null) {
            return DIRECT;
        }
        String url = PropertyValues.text(properties, "url");
        String here = host(url != null ? url : context.page().url());
        if (from.equals(here)) {
            return null;
        }
        return from + " / referral";
    }

    private static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = URI.create(url.strip()).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void put(Map<String, Map<String, Integer>> out, String dimension, String value, int count) {
        out.computeIfAbsent(dimension, d -> new LinkedHashMap<>()).merge(clip(value), count, Integer::sum);
    }

    private static String clip(String value) {
        String text = value.strip();
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) : text;
    }
}
