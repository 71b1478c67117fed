package org.openkpi.support;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Mints bearer tokens signed with the test key, as the tenant's OIDC provider would. */
public final class Tokens {

    /** Every role a user of the suite can hold (not kpi-service, the service clients' role). */
    static final String[] ALL_USER_ROLES = { "kpi-viewer", "kpi-writer", "kpi-admin" };

    private Tokens() {
    }

    /** A token of the tenant holding kpi-viewer, kpi-writer and kpi-admin. */
    public static String forTenant(String tenant) {
        return forTenant(tenant, ALL_USER_ROLES);
    }

    /** A token of the tenant holding exactly these roles (claim {@code groups}; none at all when empty). */
    public static String forTenant(String tenant, String... roles) {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("user-of-" + tenant)
                .claim("tenant_id", tenant)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }

    /** A valid, correctly signed token with every user role that names no tenant. */
    public static String withoutTenant() {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("user-without-tenant")
                .groups(Set.of(ALL_USER_ROLES))
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }
}
