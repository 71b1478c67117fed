package org.openkpi.support.api.security;

/**
 * The roles a token may carry (claim {@code groups}, or Keycloak's {@code realm_access/roles}). Roles are flat: none
 * implies another; an identity provider's composite roles can build a hierarchy.
 */
public enum Role {
    /** Reads KPIs, settings and entity fields. */
    VIEWER("kpi-viewer"),
    /** Ingests facts. */
    WRITER("kpi-writer"),
    /** Changes the tenant's configuration. */
    ADMIN("kpi-admin"),
    /** A service client (service-to-service calls); support-service admits it nowhere. */
    SERVICE("kpi-service");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The value of this role in the token's roles claim, e.g. {@code kpi-viewer}. */
    public String claim() {
        return claim;
    }
}
