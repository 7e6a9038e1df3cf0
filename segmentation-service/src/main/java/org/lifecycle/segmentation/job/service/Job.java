package org.lifecycle.segmentation.job.service;

import java.time.Instant;
import java.util.UUID;

/**
 * Work over every profile, with its progress.
 *
 * @param subject what the job is about: {@code segment:<key>}, {@code stage-model}, {@code rfm-thresholds} or {@code scoring-plans}; a new
 *        job over the same subject supersedes an unfinished older one
 * @param total the number of profiles when the job was started; once it succeeded, the number it went through
 *        (profiles created or merged away meanwhile change the count)
 * @param done profiles decided again so far
 * @param percent {@code done} as a whole percentage of {@code total}
 * @param error why a failed job stopped; {@code null} otherwise
 */
public record Job(UUID id, JobKind kind, String subject, JobStatus status, long total, long done, int percent,
        String error, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public static final String STAGE_MODEL_SUBJECT = "stage-model";
    public static final String RFM_THRESHOLDS_SUBJECT = "rfm-thresholds";
    /** Every scoring plan change: one job re-scores every profile under all the plans in force. */
    public static final String SCORING_SUBJECT = "scoring-plans";

    public static String segmentSubject(String key) {
        return "segment:" + key;
    }

    /** The whole percentage of {@code total} that {@code done} is; a job over no profile is complete once it ends. */
    public static int percent(JobStatus status, long total, long done) {
        if (total <= 0) {
            return status == JobStatus.SUCCEEDED ? 100 : 0;
        }
        return (int) Math.min(100, done * 100 / total);
    }
}
