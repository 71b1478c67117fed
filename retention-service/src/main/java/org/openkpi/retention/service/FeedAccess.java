package org.openkpi.retention.service;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openkpi.retention.api.security.Role;
import org.openkpi.retention.feed.FeedCredentials;
import org.openkpi.retention.feed.ServiceClientToken;
import org.openkpi.retention.tenant.TenantId;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Chooses, for the current request, the token revenue-service's feed is read with:
 * <ol>
 * <li>the caller's own token when the caller holds kpi-viewer (a user who may read revenue's feed is behind it);</li>
 * <li>else, when the service client is enabled, this service's client-credentials token (role kpi-service) with header
 * {@code X-Kpi-Tenant: <the caller's tenant>};</li>
 * <li>else nothing: the catch-up is skipped (a writer-only ingestion does not catch up; the next read does).</li>
 * </ol>
 * The caller's token is never forwarded when it lacks kpi-viewer (revenue would refuse it).
 */
@RequestScoped
public class FeedAccess {

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final ServiceClientToken service;

    public FeedAccess(SecurityIdentity identity, JsonWebToken token, ServiceClientToken service) {
        this.identity = identity;
        this.token = token;
        this.service = service;
    }

    /** Empty when the catch-up is to be skipped. The service token is only fetched when needed (and then cached). */
    public Optional<FeedCredentials> credentials(TenantId tenant) {
        return choose(identity, token == null ? null : token.getRawToken(), service, tenant);
    }

    static Optional<FeedCredentials> choose(SecurityIdentity identity, String rawToken, ServiceClientToken service, TenantId tenant) {
        if (identity != null && !identity.isAnonymous() && identity.hasRole(Role.VIEWER.claimValue()) && rawToken != null) {
            return Optional.of(FeedCredentials.caller(rawToken));
        }
        if (service != null && service.enabled()) {
            return Optional.of(FeedCredentials.service(service.token(), tenant.value()));
        }
        return Optional.empty();
    }
}
