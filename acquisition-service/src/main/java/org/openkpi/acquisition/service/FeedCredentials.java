package org.openkpi.acquisition.service;

import java.util.Optional;
import java.util.function.Supplier;

import org.openkpi.acquisition.tenant.TenantId;

/**
 * How a request to revenue-service's change feed authenticates: a bearer token and, for a service client's token
 * (role kpi-service, no tenant claim), the tenant it reads for in the header {@code X-Kpi-Tenant}.
 */
public record FeedCredentials(String bearerToken, String tenantHeader) {

    public static final String TENANT_HEADER = "X-Kpi-Tenant";

    /**
     * The credentials for reading the tenant's feed: the caller's own token when the caller has kpi-viewer (a user is
     * behind the request); else a service client token (null when none is configured or it could not be obtained)
     * with the tenant header; else none, and the catch-up is skipped.
     */
    public static Optional<FeedCredentials> choose(boolean callerIsViewer, String callerToken, Supplier<String> serviceToken, TenantId tenant) {
        if (callerIsViewer && callerToken != null) {
            return Optional.of(new FeedCredentials(callerToken, null));
        }
        String token = serviceToken == null ? null : serviceToken.get();
        return token == null ? Optional.empty() : Optional.of(new FeedCredentials(token, tenant.value()));
    }
}
