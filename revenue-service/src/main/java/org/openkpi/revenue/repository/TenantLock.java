package org.openkpi.revenue.repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.tenant.TenantId;

/**
 * Serialises a tenant's write transactions (transaction-scoped advisory lock). This keeps a
 * customer's ledger from being evaluated by two batches at once, and makes change-feed sequence
 * numbers of one tenant commit in order, so a consumer reading after a cursor never misses an entry.
 * <p>
 * Each write also leaves an entry in the tenant's write log (version, customers touched), so a batch that read
 * its customers' stored state before taking the lock can tell which of them changed meanwhile
 * ({@link #changedSince}).
 */
@ApplicationScoped
public class TenantLock {

    /** Entries kept per tenant; a reader that fell further behind treats everything as changed. */
    static final int KEPT_ENTRIES = 1000;

    private final Jdbc jdbc;

    public TenantLock(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lock for a write that may change anything of the tenant (logged as such). */
    public void lock(TenantId tenant) {
        lockOnly(tenant);
        logWrite(tenant, (Jdbc.TextArray) null);
    }

    /**
     * Takes the lock for a write of subscription events; the caller logs the customers it changes with
     * {@link #logWrite} before it commits.
     */
    public void lockForEvents(TenantId tenant) {
        lockOnly(tenant);
    }

    private void lockOnly(TenantId tenant) {
        jdbc.list("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", ps -> ps.setString(1, tenant.value()), rs -> 1);
    }

    /** The version of the tenant's last committed write (0 before the first). Needs no lock. */
    public long version(TenantId tenant) {
        return jdbc.list("SELECT version FROM tenant_write WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()),
                rs -> rs.getLong(1)).stream().findFirst().orElse(0L);
    }

    /**
     * Logs this write (under the lock): the customers whose events, customer row or ledger it changes, or null
     * when it may change anything of the tenant.
     */
    public long logWrite(TenantId tenant, Collection<String> customerIds) {
        return logWrite(tenant, customerIds == null ? null : Jdbc.TextArray.of(customerIds));
    }

    /**
     * As {@link #logWrite(TenantId, Collection)}, with the customers' ids rendered already (before the lock).
     *
     * @return the version of this write (the tenant's version once it commits)
     */
    public long logWrite(TenantId tenant, Jdbc.TextArray customerIds) {
        long version = jdbc.list("""
                INSERT INTO tenant_write (tenant_id, version) VALUES (?, 1)
                ON CONFLICT (tenant_id) DO UPDATE SET version = tenant_write.version + 1 RETURNING version
                """, ps -> ps.setString(1, tenant.value()), rs -> rs.getLong(1)).get(0);
        jdbc.update("INSERT INTO write_log (tenant_id, version, customer_ids) VALUES (?, ?, ?::text[])", ps -> {
            ps.setString(1, tenant.value());
            ps.setLong(2, version);
            if (customerIds == null) {
                ps.setNull(3, java.sql.Types.OTHER);
            } else {
                Jdbc.setTextArray(ps, 3, customerIds);
            }
        });
        if (version % 100 == 0) {
            jdbc.update("DELETE FROM write_log WHERE tenant_id = ? AND version <= ?", ps -> {
                ps.setString(1, tenant.value());
                ps.setLong(2, version - KEPT_ENTRIES);
            });
        }
        return version;
    }

    /**
     * Under the lock: the customers that writes committed after version {@code seen} touched, or empty when any
     * customer may have changed (a write logged as such, or entries no longer kept).
     */
    public Optional<Set<String>> changedSince(TenantId tenant, long seen) {
        long current = version(tenant);
        return current == seen ? Optional.of(Set.of()) : changesBetween(tenant, seen, current);
    }

    /**
     * The customers that the committed writes with versions after {@code from}, up to {@code to}, touched, or empty when
     * any customer may have changed (a write logged as such, or entries no longer kept). Needs no lock when version
     * {@code to} is committed (read with {@link #version}): so are all before it.
     */
    public Optional<Set<String>> changesBetween(TenantId tenant, long from, long to) {
        if (to <= from) {
            return Optional.of(Set.of());
        }
        Set<String> changed = new HashSet<>();
        boolean[] everything = {false};
        int[] entries = {0};
        jdbc.each("SELECT customer_ids FROM write_log WHERE tenant_id = ? AND version > ? AND version <= ?", ps -> {
            ps.setString(1, tenant.value());
            ps.setLong(2, from);
            ps.setLong(3, to);
        }, rs -> {
            entries[0]++;
            java.sql.Array ids = rs.getArray(1);
            if (ids == null) {
                everything[0] = true;
            } else {
                for (Object id : (Object[]) ids.getArray()) {
                    changed.add((String) id);
                }
            }
        });
        if (everything[0] || entries[0] != to - from) {
            return Optional.empty();
        }
        return Optional.of(changed);
    }
}
