package org.openkpi.gateway;

import java.time.Duration;

import io.smallrye.jwt.build.Jwt;

/** Mints bearer tokens signed with the test key, as the tenant's OIDC provider would. */
public final class Tokens {

    private Tokens() {
    }

    public static String forTenant(String tenant) {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("user-of-" + tenant)
                .claim("tenant_id", tenant)
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }

    /** A valid, correctly signed token that names no tenant. */
    public static String withoutTenant() {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject("user-without-tenant")
                .expiresIn(Duration.ofHours(1))
                .sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }
}
