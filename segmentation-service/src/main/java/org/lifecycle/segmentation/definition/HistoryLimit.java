package org.lifecycle.segmentation.definition;

import java.util.ArrayList;
import java.util.List;

import org.lifecycle.segmentation.problem.Violation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Event windows a profile's activity history can answer: activity older than {@code history-days} is pruned, so a
 * rule counting events over a longer window would silently count too few. Order conditions read the orders, which are
 * kept whole, so only {@code event} conditions are limited ({@link org.lifecycle.segmentation.rule.Rule#maxWindowDays}).
 */
public final class HistoryLimit {

    private HistoryLimit() {
    }

    /**
     * Every {@code event} condition of a valid rule whose window is longer than {@code historyDays}, pointed at its
     * {@code within_days}.
     *
     * @param pointer where the rule is in the submitted body, e.g. {@code /rule}
     */
    public static List<Violation> check(JsonNode rule, String pointer, int historyDays) {
        List<Violation> out = new ArrayList<>();
        walk(rule, pointer, historyDays, out);
        return out;
    }

    private static void walk(JsonNode node, String at, int historyDays, List<Violation> out) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (String group : List.of("all", "any")) {
            JsonNode list = node.get(group);
            if (list != null && list.isArray()) {
                for (int index = 0; index < list.size(); index++) {
                    walk(list.get(index), at + "/" + group + "/" + index, historyDays, out);
                }
            }
        }
        if (node.has("not")) {
            walk(node.get("not"), at + "/not", historyDays, out);
        }
        JsonNode days = node.get("within_days");
        if (node.has("event") && days != null && days.isIntegralNumber() && days.asLong() > historyDays) {
            out.add(new Violation(at + "/within_days", "within_days " + days.asLong() + " looks further back than the "
                    + historyDays + " days of activity kept (lifecycle.segmentation.history-days)"));
        }
    }
}
