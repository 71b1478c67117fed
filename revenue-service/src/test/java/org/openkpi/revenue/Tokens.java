package org.openkpi.revenue;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Mints bearer tokens signed with the test key, as the tenant's OIDC provider would. */
public final class Tokens {

    public static final String VIEWER = "kpi-viewer";
    public static final String WRITER = "kpi-writer";
    public static final String ADMIN = "kpi-admin";
    public static final String SERVICE = "kpi-service";

    private Tokens() {
    }

    /** A user of the tenant holding every user role (viewer, writer, admin). */
    public static String forTenant(String tenant) {
        return forTenant(tenant, VIEWER, WRITER, ADMIN);
    }

    /** A user of the tenant holding exactly these roles (claim {@code groups}). */
    public static String forTenant(String tenant, String... roles) {
        return base("user-of-" + tenant, roles).claim("tenant_id", tenant).sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }

    /** A service client: role kpi-service and no tenant claim. */
    public static String forService(String client) {
        return base("service-account-" + client, SERVICE).sign(EmbeddedPostgresResource.KEYS.getPrivate());
    }

    private static JwtClaimsBuilder base(String subject, String... roles) {
        return Jwt.issuer(EmbeddedPostgresResource.ISSUER)
                .audience(EmbeddedPostgresResource.AUDIENCE)
                .subject(subject)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1));
    }
}
