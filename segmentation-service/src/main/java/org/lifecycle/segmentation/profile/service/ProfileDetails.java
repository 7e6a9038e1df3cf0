package org.lifecycle.segmentation.profile.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lifecycle.segmentation.profile.PredictionSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Everything the service knows of one customer, as stored. */
@Schema(description = "A customer's full profile")
public record ProfileDetails(
        UUID id,
        String userId,
        Identities identities,
        String email,
        String phone,
        @Schema(examples = "Europe/Paris") String timeZone,
        @Schema(type = SchemaType.OBJECT, description = "The latest value of every trait the customer was identified with") JsonNode traits,
        @Schema(description = "Consent per channel (email, sms, push), where stated") Map<String, Boolean> consent,
        Instant firstSeen,
        Instant lastSeen,
        String stage,
        Instant stageSince,
        String previousStage,
        String rfmGroup,
        @Schema(description = "The version of the stage model that decided the stage") Integer modelVersion,
        List<String> segments,
        @Schema(description = "Numeric attributes other services published (probability_alive, predicted_clv, ...)") Map<String, Double> attributes,
        @Schema(description = "The prediction (lifecycle.predictions) the predicted attributes come from; null before the first") PredictionSource prediction,
        @Schema(description = "The score under each scoring plan in force, by plan key, as last decided") Map<String, Double> scores,
        Orders orders,
        @Schema(description = "The next moment at which time alone could change the stage, the RFM group or a segment; null when only an event can") Instant nextChangeAt) {

    /** Every id the customer answers to. */
    @Schema(name = "ProfileIdentities", description = "The identity graph: every user id and anonymous id that resolves to this profile")
    public record Identities(List<String> userIds, List<String> anonymousIds) {
    }

    /** The customer's orders in figures. */
    @Schema(name = "ProfileOrders", description = "The customer's orders")
    public record Orders(
            @Schema(description = "Orders that count (not refunded in full)") int count,
            @Schema(description = "What the counted orders were worth, net of partial refunds") BigDecimal revenue,
            Instant firstOrderAt,
            Instant lastOrderAt,
            @Schema(description = "Orders refunded in full, which no longer count") int refunded) {
    }
}
