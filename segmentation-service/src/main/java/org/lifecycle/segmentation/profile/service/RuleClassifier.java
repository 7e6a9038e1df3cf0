package org.lifecycle.segmentation.profile.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lifecycle.contracts.membership.SegmentKind;
import org.lifecycle.segmentation.profile.ProfileState;
import org.lifecycle.segmentation.rfm.RfmMap;
import org.lifecycle.segmentation.rfm.RfmScore;
import org.lifecycle.segmentation.rfm.RfmThresholds;
import org.lifecycle.segmentation.rule.Rule;
import org.lifecycle.segmentation.scoring.ScoreCard;
import org.lifecycle.segmentation.stage.StageDecision;
import org.lifecycle.segmentation.stage.StageModel;

/**
 * The classifier under one set of definitions: a stage model, the RFM thresholds, and the behaviour and custom
 * segments. Stage first, then RFM, then segments, since segments may read both.
 */
public final class RuleClassifier implements Classifier {

    private final StageModel model;
    private final RfmThresholds rfm;
    private final List<RuleSegment> segments;
    private final ScoreCard scoring;
    private final Map<String, SegmentRef> refs = new LinkedHashMap<>();

    /**
     * @param retired segments that were deleted, so that the exits announced for them name them as their entries did
     */
    public RuleClassifier(StageModel model, RfmThresholds rfm, List<RuleSegment> segments, List<SegmentRef> retired) {
        this(model, rfm, segments, retired, ScoreCard.none());
    }

    /**
     * @param scoring the scoring plans in force: scores are decided first, as stage models and segments may read them
     */
    public RuleClassifier(StageModel model, RfmThresholds rfm, List<RuleSegment> segments, List<SegmentRef> retired,
            ScoreCard scoring) {
        this.model = model;
        this.rfm = rfm;
        this.segments = List.copyOf(segments);
        this.scoring = scoring;
        for (SegmentRef ref : retired) {
            refs.put(ref.key(), ref);
        }
        for (RuleSegment segment : segments) {
            refs.put(segment.ref().key(), segment.ref());
        }
    }

    /**
     * A segment decided by a rule: a built-in behaviour segment or one a marketer defined. The rule in words is
     * written once, not on every decision that names it as an entry's reason.
     */
    public record RuleSegment(SegmentRef ref, Rule rule, String description) {

        public RuleSegment(SegmentRef ref, Rule rule) {
            this(ref, rule, rule.describe());
        }
    }

    public StageModel model() {
        return model;
    }

    public RfmThresholds rfm() {
        return rfm;
    }

    public List<RuleSegment> segments() {
        return segments;
    }

    public ScoreCard scoring() {
        return scoring;
    }

    @Override
    public int modelVersion() {
        return model.version();
    }

    @Override
    public Classification classify(ProfileState state, Instant at) {
        ScoreCard.Result scores = scoring.score(state, at);
        state.scores = new LinkedHashMap<>(scores.scores());
        StageDecision stage = model.decide(state, at);
        state.stage = stage.stage();
        RfmScore score = RfmMap.classify(state, rfm, at);
        String group = score.group() == null ? null : score.group().key();
        state.rfmGroup = group;
        Map<String, Classification.Segment> in = new LinkedHashMap<>();
        in.put(SegmentRef.STAGE_PREFIX + stage.stage(),
                new Classification.Segment(SegmentRef.stage(stage.stage()), stage.rule()));
        if (group != null) {
            in.put(SegmentRef.RFM_PREFIX + group, new Classification.Segment(SegmentRef.rfm(group), score.rule()));
        }
        Instant next = Rule.earliest(Rule.earliest(stage.nextChange(), score.nextChange()), scores.nextChange());
        for (RuleSegment segment : segments) {
            if (segment.rule().matches(state, at)) {
                in.put(segment.ref().key(), new Classification.Segment(segment.ref(), segment.description()));
            }
            next = Rule.earliest(next, segment.rule().nextChange(state, at));
        }
        return new Classification(stage, group, score.rule(), in, next);
    }

    @Override
    public SegmentRef segment(String key) {
        SegmentRef known = refs.get(key);
        if (known != null) {
            return known;
        }
        SegmentKind kind = SegmentRef.kindOf(key);
        return new SegmentRef(key, key, kind);
    }
}
