package org.lifecycle.campaign.journey.definition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A journey's steps indexed by id, with where each one leads when it is done: the next step of its list, or, at the
 * end of a list, the step after the container that holds the list. An enrollment's position is a step id; this turns
 * it back into the step and what follows.
 */
public final class StepTree {

    private final Map<String, Step> steps = new HashMap<>();
    private final Map<String, String> next = new HashMap<>();
    private final Map<String, String> container = new HashMap<>();
    private final String first;

    public StepTree(JourneyDefinition definition) {
        first = index(definition.steps(), null, null);
    }

    /** The id of the first step of the journey. */
    public String first() {
        return first;
    }

    public Step step(String id) {
        Step step = steps.get(id);
        if (step == null) {
            throw new IllegalArgumentException("No step " + id);
        }
        return step;
    }

    /** The id of the step that runs when {@code id} is done; {@code null} at the end of the journey. */
    public String after(String id) {
        step(id);
        return next.get(id);
    }

    /** The id of the first step of a list inside {@code container}, or what follows the container if it is empty. */
    public String firstOf(List<Step> list, String container) {
        return list.isEmpty() ? after(container) : list.getFirst().id();
    }

    /** The split whose variant {@code id} runs in, the nearest one if splits nest; {@code null} outside splits. */
    public Step.Split enclosingSplit(String id) {
        step(id);
        for (String parent = container.get(id); parent != null; parent = container.get(parent)) {
            if (steps.get(parent) instanceof Step.Split split) {
                return split;
            }
        }
        return null;
    }

    /**
     * Indexes a list held by {@code parent} ({@code null} at the top level) whose end leads to {@code then}; returns
     * the id that entering the list leads to.
     */
    private String index(List<Step> list, String parent, String then) {
        for (int index = 0; index < list.size(); index++) {
            Step step = list.get(index);
            String following = index + 1 < list.size() ? list.get(index + 1).id() : then;
            steps.put(step.id(), step);
            next.put(step.id(), following);
            if (parent != null) {
                container.put(step.id(), parent);
            }
            for (List<Step> child : step.children()) {
                index(child, step.id(), following);
            }
        }
        return list.isEmpty() ? then : list.getFirst().id();
    }
}
