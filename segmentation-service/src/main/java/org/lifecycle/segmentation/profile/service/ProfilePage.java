package org.lifecycle.segmentation.profile.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a profile listing and where the next one starts. */
@Schema(description = "A page of profiles, by profile id")
public record ProfilePage(
        List<ProfileSummary> items,
        @Schema(description = "Pass as cursor to read the next page; null on the last page") String nextCursor) {
}
