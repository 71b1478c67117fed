package org.openkpi.acquisition;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Mints bearer tokens signed with the test key, as the tenant's OIDC provider would. */
public final class Tokens {

    /** The roles a {@link #forTenant(String)} token carries: every role a user of the suite can have. */
    public static final String[] USER_ROLES = { "kpi-viewer", "kpi-writer", "kpi-admin" };

    private Tokens() {
    }

    /** A user of the tenant holding kpi-viewer, kpi-writer and kpi-admin. */
    public static String forTenant(String tenant) {
        return forTenant(tenant, USER_ROLES);
    }

    /** A user of the tenant holding exactly these roles (claim {@code groups}); none at all when empty. */
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
                .groups(Set.of(USER_ROLES))
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }

    /** A service client's token: role kpi-service and no tenant claim (what a client-credentials grant yields). */
    public static String serviceClient(Duration lifetime) {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("service-account-acquisition")
                .groups(Set.of("kpi-service"))
                .expiresIn(lifetime)
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }
}
