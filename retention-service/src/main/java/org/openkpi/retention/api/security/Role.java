package org.openkpi.retention.api.security;

/**
 * The roles of the suite, read from the token's {@code groups} claim (or Keycloak's {@code realm_access/roles}). Flat: no
 * role implies another.
 */
public enum Role {
    /** Reads: queries, feed status, settings, the Customer entity. */
    VIEWER("kpi-viewer"),
    /** Ingestion, feed synchronisation. */
    WRITER("kpi-writer"),
    /** Tenant settings and other configuration. */
    ADMIN("kpi-admin"),
    /** Service clients (client credentials); admitted by no operation of this service. */
    SERVICE("kpi-service");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The value of the role in the token. */
    public String claimValue() {
        return claimValue;
    }
}
