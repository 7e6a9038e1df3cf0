package org.lifecycle.ingestion.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;

/**
 * Guards {@code /admin}: the caller must present the admin token from the environment as a Bearer token. Without a
 * configured token the admin API refuses everything rather than being open.
 */
public class AdminAuthFilter {

    private static final String BEARER = "Bearer ";

    private final Optional<String> token;

    public AdminAuthFilter(@ConfigProperty(name = "lifecycle.admin.token") Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank());
    }

    @ServerRequestFilter
    public void requireAdminToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/admin")) {
            return;
        }
        if (token.isEmpty()) {
            throw ProblemException.field(ProblemType.UNAUTHORIZED, "Authorization",
                    "The admin API is disabled: no admin token is configured (LIFECYCLE_ADMIN_TOKEN)");
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ProblemException.field(ProblemType.UNAUTHORIZED, "Authorization",
                    "An admin token is required: Authorization: Bearer <token>");
        }
        byte[] presented = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token.get().getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.field(ProblemType.UNAUTHORIZED, "Authorization", "The admin token is not valid");
        }
    }
}
