package org.lifecycle.segmentation.scoring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.lifecycle.contracts.event.signal.NpsCategory;
import org.lifecycle.contracts.event.signal.SignalEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes a survey answer's NPS group countable. Activity keeps per hour the sums of numeric properties, so
 * "promoters' answers" cannot be read back from a sum of {@code nps_score}; a {@code Survey Responded} with an NPS
 * score or category is kept with {@code nps_promoter}, {@code nps_passive} or {@code nps_detractor} set to 1, whose
 * sums count the answers of each group ({@code {"event": "Survey Responded", "sum": {"property": "nps_promoter",
 * "gte": 1}, "within_days": 365}}).
 */
public final class NpsAnswer {

    private NpsAnswer() {
    }

    /**
     * The numeric properties to keep for an event: {@code numbers} as they are, plus the NPS group's count for a
     * survey answer that has one.
     */
    public static Map<String, Double> withCategory(String event, ObjectNode properties, Map<String, Double> numbers) {
        if (!SignalEvents.SURVEY_RESPONDED.equals(event) || properties == null) {
            return numbers;
        }
        NpsCategory category = category(properties);
        if (category == null) {
            return numbers;
        }
        Map<String, Double> out = new LinkedHashMap<>(numbers);
        out.put("nps_" + category.wire(), 1.0);
        return out;
    }

    /** The group from {@code nps_category}, else from an {@code nps_score} of 0–10; {@code null} when neither. */
    static NpsCategory category(ObjectNode properties) {
        JsonNode named = properties.get(SignalEvents.NPS_CATEGORY);
        if (named != null && named.isTextual()) {
            for (NpsCategory category : NpsCategory.values()) {
                if (category.wire().equalsIgnoreCase(named.textValue().strip())) {
                    return category;
                }
            }
        }
        JsonNode score = properties.get(SignalEvents.NPS_SCORE);
        if (score != null && score.isNumber()) {
            double value = score.asDouble();
            if (value >= 0 && value <= 10 && value == Math.rint(value)) {
                return NpsCategory.of((int) value);
            }
        }
        return null;
    }
}
