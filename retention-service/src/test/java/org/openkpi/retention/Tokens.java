package org.openkpi.retention;

import java.time.Duration;

import io.smallrye.jwt.build.Jwt;

/** Mints bearer tokens signed with the test key, as the tenant's OIDC provider would. */
public final class Tokens {

    private Tokens() {
    }

    /** A user of the tenant holding every user role: kpi-viewer, kpi-writer and kpi-admin. */
    public static String forTenant(String tenant) {
        return forTenant(tenant, "kpi-viewer", "kpi-writer", "kpi-admin");
    }

    /** A user of the tenant holding exactly the given roles (claim {@code groups}; none: no kpi role at all). */
    public static String forTenant(String tenant, String... roles) {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("user-of-" + tenant)
                .claim("tenant_id", tenant)
                .groups(new java.util.LinkedHashSet<>(java.util.List.of(roles)))
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }

    /** A service client's token (client credentials): role kpi-service, no tenant claim. */
    public static String service() {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("service-account-kpi-consumer")
                .groups(java.util.Set.of("kpi-service"))
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }

    /** A valid, correctly signed token that names no tenant. */
    public static String withoutTenant() {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("user-without-tenant")
                .groups(java.util.Set.of("kpi-viewer", "kpi-writer", "kpi-admin"))
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }
}
