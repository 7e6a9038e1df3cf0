package org.lifecycle.segmentation.rfm.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.segmentation.rfm.service.RfmThresholdsService;
import org.lifecycle.segmentation.rfm.service.RfmThresholdsView;

import io.smallrye.mutiny.Uni;

@Path("/api/rfm/thresholds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rfm", description = "The RFM map's thresholds")
public class RfmThresholdsResource {

    private final RfmThresholdsService thresholds;

    public RfmThresholdsResource(RfmThresholdsService thresholds) {
        this.thresholds = thresholds;
    }

    @GET
    @Operation(summary = "The RFM thresholds in force", description = "Derived from the store's own orders once it has 100 returning customers (the recency "
            + "edges are 1, 2 and 4 median repeat intervals), the fallback bands 40/90/180 days before; the "
            + "store's average order value separates high-value customers. Derived again every "
            + "lifecycle.segmentation.rfm-refresh; a change re-evaluates every profile.")
    @APIResponse(responseCode = "200", description = "The thresholds and the statistics behind them")
    public Uni<RfmThresholdsView> get() {
        return thresholds.current();
    }
}
