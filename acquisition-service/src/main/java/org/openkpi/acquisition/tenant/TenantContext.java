package org.openkpi.acquisition.tenant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant of the current request, read from the claim {@code kpi.tenant-claim} of the caller's
 * verified bearer token. It is the only source of the tenant: no API takes a tenant argument.
 */
@RequestScoped
public class TenantContext {

    private final JsonWebToken token;
    private final String claim;
    private String tenantId;

    @Inject
    public TenantContext(JsonWebToken token, @ConfigProperty(name = "kpi.tenant-claim") String claim) {
        this.token = token;
        this.claim = claim;
    }

    /**
     * @return the caller's tenant, never blank
     * @throws MissingTenantException when the request carries no token or the token has no usable tenant claim
     */
    public String tenantId() {
        if (tenantId == null) {
            tenantId = readClaim();
        }
        return tenantId;
    }

    private String readClaim() {
        if (token == null || token.getRawToken() == null) {
            throw new MissingTenantException("the request carries no bearer token, so it has no tenant");
        }
        Object value = token.getClaim(claim);
        String tenant;
        if (value instanceof String s) {
            tenant = s;
        } else if (value instanceof JsonString s) {
            tenant = s.getString();
        } else if (value == null) {
            throw new MissingTenantException("the token has no '" + claim + "' claim naming the tenant");
        } else {
            throw new MissingTenantException("the token's '" + claim + "' claim is not a string");
        }
        if (tenant.isBlank()) {
            throw new MissingTenantException("the token's '" + claim + "' claim is blank");
        }
        return tenant;
    }
}
