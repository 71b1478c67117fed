package org.openkpi.acquisition.tenant;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openkpi.acquisition.service.FeedSync;

/**
 * The caller of a request: its tenant and raw bearer token. {@link #tenantCaughtUp()} first catches the tenant up
 * with revenue-service's change feed using the caller's own token (bounded, throttled, never failing the request).
 */
@RequestScoped
public class Caller {

    private final CurrentTenant tenant;
    private final JsonWebToken token;
    private final FeedSync feed;

    public Caller(CurrentTenant tenant, JsonWebToken token, FeedSync feed) {
        this.tenant = tenant;
        this.token = token;
        this.feed = feed;
    }

    public TenantId tenant() {
        return tenant.get();
    }

    public String rawToken() {
        return token == null ? null : token.getRawToken();
    }

    public TenantId tenantCaughtUp() {
        TenantId t = tenant.get();
        feed.catchUpIfDue(t, rawToken());
        return t;
    }
}
