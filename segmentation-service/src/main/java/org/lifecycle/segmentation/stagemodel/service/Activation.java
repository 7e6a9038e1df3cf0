package org.lifecycle.segmentation.stagemodel.service;

import org.lifecycle.segmentation.job.service.Job;

/**
 * The answer to activating a stage model version.
 *
 * @param job the job deciding every profile again under it; {@code null} when the version was already active
 */
public record Activation(int version, Job job) {
}
