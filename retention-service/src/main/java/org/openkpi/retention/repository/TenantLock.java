package org.openkpi.retention.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.tenant.TenantId;

/**
 * Serialises a tenant's write transactions (transaction-scoped advisory lock). This keeps a
 * customer's ledger from being evaluated by two batches at once, and makes change-feed sequence
 * numbers of one tenant commit in order, so a consumer reading after a cursor never misses an entry.
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
