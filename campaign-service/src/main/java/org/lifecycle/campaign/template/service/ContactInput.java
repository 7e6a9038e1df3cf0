package org.lifecycle.campaign.template.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.campaign.journey.Contact;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A contact written inline, to preview a message for a customer as they are or as they might be. */
@Schema(description = "The recipient of a preview")
public record ContactInput(
        @Schema(examples = "user-42") @NotBlank String customerKey,
        @Schema(examples = "ann@example.com") String email,
        String phone,
        @Schema(examples = "Europe/London") String timeZone,
        @Schema(examples = "at_risk") String stage,
        List<String> segments,
        @Schema(description = "Published numeric attributes, e.g. predicted_clv") Map<String, BigDecimal> attributes,
        @PositiveOrZero Integer orders,
        BigDecimal revenue,
        @Schema(description = "Traits, e.g. {\"first_name\": \"Ann\"}") ObjectNode traits) {

    public Contact toContact() {
        Contact.Builder builder = Contact.builder(customerKey).email(email).phone(phone).timeZone(timeZone)
                .stage(stage).traits(traits).orders(orders == null ? 0 : orders, revenue);
        if (segments != null) {
            segments.forEach(builder::segment);
        }
        if (attributes != null) {
            attributes.forEach(builder::attribute);
        }
        return builder.build();
    }
}
