package org.lifecycle.campaign.runtime.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lifecycle.campaign.journey.engine.Enrollment;
import org.lifecycle.campaign.runtime.repository.LedgerMessage;
import org.lifecycle.campaign.runtime.service.JourneyCatalog;

@Path("/api/customers/{customerKey}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "customers", description = "A customer's enrollments and messages")
public class CustomerResource {

    private final JourneyCatalog catalog;

    public CustomerResource(JourneyCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("/enrollments")
    @Operation(summary = "The customer's enrollments, newest first: journey, version, group, status, wait, exit")
    public List<Enrollment> enrollments(@PathParam("customerKey") String customerKey) {
        return catalog.enrollmentsOf(customerKey);
    }

    @GET
    @Path("/messages")
    @Operation(summary = "The customer's messages from the send ledger, newest first, with status and reason")
    public List<LedgerMessage> messages(@PathParam("customerKey") String customerKey) {
        return catalog.messagesOf(customerKey);
    }
}
