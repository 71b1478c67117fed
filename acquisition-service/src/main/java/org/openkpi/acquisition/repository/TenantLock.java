package org.openkpi.acquisition.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.tenant.TenantId;

/**
 * Serialises a tenant's write transactions (transaction-scoped advisory lock): ingestion batches, settings
 * changes and change-feed pages of one tenant never interleave, so rollups re-derived from base rows stay exact
 * and a feed page is applied at most once (the cursor is re-read under the lock).
 */
@ApplicationScoped
public class TenantLock {

    private final Jdbc jdbc;

    public TenantLock(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void lock(TenantId tenant) {
        jdbc.list("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", ps -> ps.setString(1, tenant.value()), rs -> 1);
    }
}
