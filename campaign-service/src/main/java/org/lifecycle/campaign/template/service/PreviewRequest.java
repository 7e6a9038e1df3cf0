package org.lifecycle.campaign.template.service;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What to render a template with in a preview: the recipient and what a send step would attach.
 *
 * @param offer {@code win_back} for the win-back offer the contact would get, as a send step's {@code offer}
 */
@Schema(description = "The recipient of a preview and what the sending step would attach")
public record PreviewRequest(
        @Valid @NotNull ContactInput contact,
        @Schema(description = "win_back: the contact's win-back offer") @Pattern(regexp = "win_back", message = "must be win_back") String offer,
        @Schema(description = "Recommended product ids, best first") @Size(max = 12) List<String> recommendations,
        @Schema(description = "Properties of the event that started the journey") ObjectNode trigger,
        @Schema(description = "The journey key, for templates that name it") String journey,
        @Schema(description = "The send step's id") String step,
        @Schema(description = "The A/B variant") String variant,
        @Schema(description = "The template version; the latest by default") @Positive Integer version) {
}
