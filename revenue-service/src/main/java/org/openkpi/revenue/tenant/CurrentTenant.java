package org.openkpi.revenue.tenant;

import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openkpi.revenue.api.error.ApiException;
import org.openkpi.revenue.api.error.ErrorCode;
import org.openkpi.revenue.api.security.Role;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The tenant of the current request, read from a claim of the verified bearer token, never from input. The one
 * exception: a token with role {@code kpi-service} and no tenant claim (a service client such as acquisition- or
 * retention-service catching up on the change feed) acts for the tenant named in the {@value #TENANT_HEADER} header.
 * Such a token is admitted only on {@code changeFeed} (see the API's {@code @RequiresRole}).
 */
@RequestScoped
public class CurrentTenant {

    public static final String TENANT_HEADER = "X-Kpi-Tenant";
    private static final Pattern HEADER_VALUE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private final String claim;

    public CurrentTenant(JsonWebToken token, SecurityIdentity identity, CurrentVertxRequest request,
            @ConfigProperty(name = "kpi.tenant-claim") String claim) {
        this.token = token;
        this.identity = identity;
        this.request = request;
        this.claim = claim;
    }

    public TenantId get() {
        Object value = token == null ? null : token.getClaim(claim);
        String tenant = value == null ? null : value.toString().replace("\"", "");
        if (tenant != null && !tenant.isBlank()) {
            return new TenantId(tenant);
        }
        if (identity != null && !identity.isAnonymous() && identity.hasRole(Role.SERVICE.claim())) {
            return new TenantId(fromHeader());
        }
        throw new ApiException(ErrorCode.UNAUTHENTICATED, "the token carries no " + claim + " claim");
    }

    private String fromHeader() {
        RoutingContext context = request == null ? null : request.getCurrent();
        String header = context == null ? null : context.request().getHeader(TENANT_HEADER);
        if (header == null || !HEADER_VALUE.matcher(header).matches()) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "a service token without a " + claim + " claim must name the"
                    + " tenant in header " + TENANT_HEADER + " (1 to 128 of A-Z a-z 0-9 . _ : -)");
        }
        return header;
    }
}
