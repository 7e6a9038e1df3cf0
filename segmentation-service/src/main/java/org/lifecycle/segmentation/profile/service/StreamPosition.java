package org.lifecycle.segmentation.profile.service;

/** Where a record of {@code lifecycle.events} sits: its partition and offset. */
public record StreamPosition(int partition, long offset) {
}
