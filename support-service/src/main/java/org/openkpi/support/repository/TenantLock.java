package org.openkpi.support.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.tenant.TenantId;

/**
 * Serialises a tenant's write transactions (transaction-scoped advisory lock), so two batches never
 * re-derive the same ticket or update the same rollup rows at once.
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
