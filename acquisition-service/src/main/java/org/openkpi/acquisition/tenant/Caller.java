package org.openkpi.acquisition.tenant;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openkpi.acquisition.api.security.Role;
import org.openkpi.acquisition.service.FeedCredentials;
import org.openkpi.acquisition.service.FeedSync;
import org.openkpi.acquisition.service.ServiceClient;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of a request: its tenant, raw bearer token and roles. {@link #tenantCaughtUp()} first catches the tenant
 * up with revenue-service's change feed (bounded, throttled, never failing the request) with the credentials
 * {@link FeedCredentials#choose} picks: the caller's own token when it has kpi-viewer, else the service client's.
 */
@RequestScoped
public class Caller {

    private final CurrentTenant tenant;
    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final FeedSync feed;
    private final ServiceClient serviceClient;

    public Caller(CurrentTenant tenant, JsonWebToken token, SecurityIdentity identity, FeedSync feed, ServiceClient serviceClient) {
        this.tenant = tenant;
        this.token = token;
        this.identity = identity;
        this.feed = feed;
        this.serviceClient = serviceClient;
    }

    public TenantId tenant() {
        return tenant.get();
    }

    public String rawToken() {
        return token == null ? null : token.getRawToken();
    }

    /** The credentials for reading this tenant's change feed now, if any. */
    public Optional<FeedCredentials> feedCredentials(TenantId t) {
        return FeedCredentials.choose(identity.hasRole(Role.VIEWER.claimValue()), rawToken(),
                serviceClient.enabled() ? serviceClient::token : null, t);
    }

    public TenantId tenantCaughtUp() {
        TenantId t = tenant.get();
        feed.catchUpIfDue(t, () -> feedCredentials(t));
        return t;
    }
}
