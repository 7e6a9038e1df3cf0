package org.lifecycle.campaign.info.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which service answers and which build of it. */
@Schema(description = "The service's name and version")
public record ServiceInfo(
        @Schema(examples = "campaign-service") String name,
        @Schema(examples = "0.1.0-SNAPSHOT") String version) {
}
