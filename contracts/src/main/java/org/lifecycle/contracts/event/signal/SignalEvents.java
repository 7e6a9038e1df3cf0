package org.lifecycle.contracts.event.signal;

import java.util.List;

/**
 * Track events that carry what customers say rather than what they do: survey answers and support tickets. The
 * ingestion service makes them from survey and help-desk webhooks (Typeform, Zendesk); any source may send them the
 * same way through the tracking API.
 */
public final class SignalEvents {

    /** A survey was answered. Properties: {@link #SURVEY_ID}, {@link #RESPONSE_ID}, {@link #ANSWERS}, scores. */
    public static final String SURVEY_RESPONDED = "Survey Responded";
    /** A support ticket was opened. Properties: {@link #TICKET_ID}, {@link #SUBJECT}, {@link #STATUS}. */
    public static final String TICKET_CREATED = "Ticket Created";
    /** A support ticket was solved. */
    public static final String TICKET_SOLVED = "Ticket Solved";
    /** The customer rated the support they got: {@link #SATISFACTION_SCORE}, {@link #SATISFIED}. */
    public static final String SATISFACTION_RATED = "Satisfaction Rated";

    public static final List<String> ALL = List.of(SURVEY_RESPONDED, TICKET_CREATED, TICKET_SOLVED,
            SATISFACTION_RATED);

    // Survey properties.
    public static final String SURVEY_ID = "survey_id";
    public static final String SURVEY_TITLE = "survey_title";
    public static final String RESPONSE_ID = "response_id";
    /** An object: each answer by the question's reference. */
    public static final String ANSWERS = "answers";
    /** 0–10, from a Net Promoter Score question. */
    public static final String NPS_SCORE = "nps_score";
    /** {@code promoter}, {@code passive} or {@code detractor}; see {@link NpsCategory}. */
    public static final String NPS_CATEGORY = "nps_category";
    /** The answer to a customer-satisfaction question, on the question's own scale. */
    public static final String CSAT_SCORE = "csat_score";
    /** The survey tool's own computed score, when it has one. */
    public static final String SCORE = "score";
    /**
     * Whether the answer came through a signed personal survey link ({@link SurveyLinks}): {@code true} when its
     * signature verified, {@code false} when it did not, or when the webhook endpoint requires signed links and the
     * hidden fields name a customer without a signature (the answer is then not attributed to the customer they
     * name); absent when the answer carried no link to check.
     */
    public static final String LINK_VERIFIED = "link_verified";
    /** The survey, journey and step a verified link names. */
    public static final String SURVEY_KEY = "survey_key";
    public static final String JOURNEY_ID = "journey_id";
    public static final String STEP_ID = "step_id";

    // Ticket properties.
    public static final String TICKET_ID = "ticket_id";
    public static final String SUBJECT = "subject";
    public static final String STATUS = "status";
    public static final String PRIORITY = "priority";
    /** As the help desk gives it: {@code good} / {@code bad}, or a number. */
    public static final String SATISFACTION_SCORE = "satisfaction_score";
    public static final String SATISFACTION_COMMENT = "satisfaction_comment";
    /** True for a good rating, false for a bad one; absent when the score is neither. */
    public static final String SATISFIED = "satisfied";

    /** The tool a signal came from: {@code typeform}, {@code zendesk}. */
    public static final String SIGNAL_SOURCE = "signal_source";

    private SignalEvents() {
    }
}
