package org.lifecycle.ingestion.tracking.rest;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.lifecycle.ingestion.tracking.service.TrackingService.RequestHeaders;

/** The headers every tracking call reads, gathered once for all the endpoints. */
public class TrackingHeaders {

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    String contentType;

    @HeaderParam(HttpHeaders.CONTENT_ENCODING)
    String contentEncoding;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    RequestHeaders toRequestHeaders() {
        return new RequestHeaders(contentType, contentEncoding, authorization);
    }
}
