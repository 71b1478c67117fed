package org.openkpi.gateway;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Mints bearer tokens signed with the test key, as the tenant's OIDC provider would. */
public final class Tokens {

    private Tokens() {
    }

    /** A token of the tenant with every role: kpi-viewer, kpi-writer and kpi-admin. */
    public static String forTenant(String tenant) {
        return forTenant(tenant, "kpi-viewer", "kpi-writer", "kpi-admin");
    }

    /** A token of the tenant with exactly the given roles (in the {@code groups} claim). */
    public static String forTenant(String tenant, String... roles) {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("user-of-" + tenant)
                .claim("tenant_id", tenant)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }

    /** A valid, correctly signed token with every role that names no tenant. */
    public static String withoutTenant() {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("user-without-tenant")
                .groups(Set.of("kpi-viewer", "kpi-writer", "kpi-admin"))
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }
}
