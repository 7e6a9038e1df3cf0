package org.lifecycle.segmentation.profile.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lifecycle.segmentation.profile.ProfileState;
import org.lifecycle.segmentation.profile.service.RuleClassifier.RuleSegment;
import org.lifecycle.segmentation.rfm.RfmMap;
import org.lifecycle.segmentation.rfm.RfmScore;
import org.lifecycle.segmentation.stage.StageDecision;

/**
 * Explains a profile under a set of definitions at a moment: the stage model's decision, the RFM cell, every
 * rule-based segment's tree and every scoring plan's rules and points. Pure, like the rules it reads.
 */
public final class ProfileExplainer {

    private ProfileExplainer() {
    }

    /**
     * @param profile the stored profile; its state is read, and its stage and RFM group set to what is decided at
     *        {@code at}, as segments may read them
     * @param names what marketers call each segment, by key; a segment missing from it is named by its key
     */
    public static ProfileExplanation explain(ProfileRecord profile, RuleClassifier classifier, Instant at,
            Map<String, String> names) {
        ProfileState state = profile.state;
        state.scores = new LinkedHashMap<>(classifier.scoring().score(state, at).scores());
        StageDecision decision = classifier.model().decide(state, at);
        RfmScore score = RfmMap.classify(state, classifier.rfm(), at);
        state.stage = decision.stage();
        state.rfmGroup = score.group() == null ? null : score.group().key();
        Instant since = decision.stage().equals(profile.stage) ? profile.stageSince : null;
        state.stageSince = since == null ? at : since;

        List<ProfileExplanation.Segment> segments = new ArrayList<>();
        for (RuleSegment segment : classifier.segments()) {
            String key = segment.ref().key();
            segments.add(new ProfileExplanation.Segment(key, segment.ref().kind().wireName(),
                    names.getOrDefault(key, key), segment.rule().matches(state, at), segment.rule().describe(),
                    segment.rule().explain(state, at)));
        }
        return new ProfileExplanation(at,
                new ProfileExplanation.Stage(decision.stage(), since, decision.rule(), decision.facts(),
                        classifier.modelVersion()),
                score.group() == null
                        ? null
                        : new ProfileExplanation.Rfm(score.group().key(), score.rule(), score.facts()),
                segments, Map.copyOf(state.attributes), state.prediction, classifier.scoring().explain(state, at));
    }
}
