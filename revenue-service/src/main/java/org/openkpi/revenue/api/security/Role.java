package org.openkpi.revenue.api.security;

/**
 * The roles of the KPI suite, read from the token's {@code groups} claim (or Keycloak's {@code realm_access/roles}).
 * Roles are flat: none implies another.
 */
public enum Role {
    /** Reads KPIs, settings and the change feed. */
    VIEWER("kpi-viewer"),
    /** Ingests facts. */
    WRITER("kpi-writer"),
    /** Changes the tenant's settings. */
    ADMIN("kpi-admin"),
    /** A service client (no user): may read the change feed of the tenant named in the X-Kpi-Tenant header. */
    SERVICE("kpi-service");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The value of this role in the token's roles claim. */
    public String claim() {
        return claim;
    }
}
