package org.openkpi.acquisition.api.security;

/**
 * The roles of the suite, read from the token's {@code groups} claim (or Keycloak's {@code realm_access/roles}).
 * Roles are flat: none implies another (an identity provider's composite roles can build a hierarchy).
 */
public enum Role {
    /** Reads KPIs, feed status and settings. */
    VIEWER("kpi-viewer"),
    /** Ingests facts and syncs the change feed. */
    WRITER("kpi-writer"),
    /** Changes the tenant's settings. */
    ADMIN("kpi-admin"),
    /** A service client (no user behind it); only revenue-service's changeFeed admits it. */
    SERVICE("kpi-service");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The role's name as the token carries it. */
    public String claimValue() {
        return claimValue;
    }
}
