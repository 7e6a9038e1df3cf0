package org.lifecycle.segmentation.job.service;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a job stands. */
public enum JobStatus {

    /** Waiting for a replica to run it. */
    PENDING("pending"),
    /** A replica runs it under a lease; when the lease runs out, another replica resumes it. */
    RUNNING("running"), SUCCEEDED("succeeded"),
    /** It stopped on an error, recorded with it. */
    FAILED("failed"),
    /** A newer job over the same subject replaced it before it finished: that one covers every profile. */
    SUPERSEDED("superseded");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static JobStatus of(String wireName) {
        for (JobStatus status : values()) {
            if (status.wireName.equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown job status " + wireName);
    }
}
