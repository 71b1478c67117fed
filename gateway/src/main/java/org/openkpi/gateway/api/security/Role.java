package org.openkpi.gateway.api.security;

/**
 * The roles a token grants, read from its {@code groups} claim (or Keycloak's {@code realm_access/roles}). Roles are
 * flat: none implies another; an identity provider's composite roles can build hierarchies.
 */
public enum Role {
    /** Reads every KPI of the token's tenant. */
    VIEWER("kpi-viewer"),
    /** Ingests facts into the token's tenant. */
    WRITER("kpi-writer"),
    /** Changes the tenant's settings, targets and alert rules. */
    ADMIN("kpi-admin");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The role's name in the token. */
    public String claimValue() {
        return claimValue;
    }
}
