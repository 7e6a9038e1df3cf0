package org.lifecycle.analytics.aggregate.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The order in which stages are listed and drawn. A transition names its stages by key only (no rank), so the order
 * comes from what analytics knows: the default model's stages first in their own order, then the HubSpot preset's
 * stages in the preset's order (from visitor to evangelist), then any other key by the first day it was entered
 * (a company's own model, whose stages customers usually reach in order) and, on the same day, by key.
 */
public final class StageOrder {

    /** The default stage model of segmentation-service, in order. */
    public static final List<String> DEFAULT_MODEL = List.of("prospect", "new_customer", "active", "loyal", "at_risk",
            "lapsed");

    /** The HubSpot preset of segmentation-service, from the start of the funnel to its end. */
    public static final List<String> HUBSPOT_PRESET = List.of("visitor", "subscriber", "lead",
            "marketing_qualified_lead", "sales_qualified_lead", "opportunity", "customer", "evangelist");

    private StageOrder() {
    }

    /** The stages of {@code firstSeen} (stage → first day entered; null when unknown) in drawing order. */
    public static List<String> order(Map<String, LocalDate> firstSeen) {
        List<String> stages = new ArrayList<>(firstSeen.keySet());
        stages.sort(comparator(firstSeen));
        return stages;
    }

    /** Compares stage keys in drawing order; a key missing from {@code firstSeen} comes after the others. */
    public static Comparator<String> comparator(Map<String, LocalDate> firstSeen) {
        return Comparator.comparingInt(StageOrder::group).thenComparingInt(StageOrder::rank)
                .thenComparing(stage -> firstSeen.get(stage), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Comparator.naturalOrder());
    }

    /** A readable label: {@code marketing_qualified_lead} → {@code Marketing qualified lead}. */
    public static String label(String stage) {
        String words = stage.replaceAll("[_\\-\\s]+", " ").trim();
        if (words.isEmpty()) {
            return stage;
        }
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static int group(String stage) {
        if (DEFAULT_MODEL.contains(stage)) {
            return 0;
        }
        return HUBSPOT_PRESET.contains(stage) ? 1 : 2;
    }

    private static int rank(String stage) {
        int index = DEFAULT_MODEL.indexOf(stage);
        return index >= 0 ? index : Math.max(HUBSPOT_PRESET.indexOf(stage), 0);
    }
}
