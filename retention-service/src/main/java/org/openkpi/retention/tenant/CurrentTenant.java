package org.openkpi.retention.tenant;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openkpi.retention.api.error.ApiException;
import org.openkpi.retention.api.error.ErrorCode;

/** The tenant of the current request, read from a claim of the verified bearer token, never from input. */
@RequestScoped
public class CurrentTenant {

    private final JsonWebToken token;
    private final String claim;

    public CurrentTenant(JsonWebToken token, @ConfigProperty(name = "kpi.tenant-claim") String claim) {
        this.token = token;
        this.claim = claim;
    }

    public TenantId get() {
        Object value = token == null ? null : token.getClaim(claim);
        String tenant = value == null ? null : value.toString().replace("\"", "");
        if (tenant == null || tenant.isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "the token carries no " + claim + " claim");
        }
        return new TenantId(tenant);
    }
}
