package org.openkpi.retention.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.feed.FeedItem;
import org.openkpi.retention.ledger.LedgerRow;
import org.openkpi.retention.tenant.TenantId;

/** The consumed movement ledger and the applied reversals. */
@ApplicationScoped
public class LedgerRepository {

    private static final String COLUMNS = "feed_cursor, customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment, channel";

    private final Jdbc jdbc;

    public LedgerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static LedgerRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LedgerRow(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4), rs.getBigDecimal(5),
                rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }

    /** The ledger rows of the given customers, grouped by customer (unordered). */
    public Map<String, List<LedgerRow>> byCustomers(TenantId tenant, Collection<String> customerIds) {
        Map<String, List<LedgerRow>> out = new HashMap<>();
        if (customerIds.isEmpty()) {
            return out;
        }
        jdbc.each("SELECT " + COLUMNS + " FROM movement WHERE tenant_id = ? AND customer_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, customerIds);
        }, rs -> {
            LedgerRow r = row(rs);
            out.computeIfAbsent(r.customerId(), k -> new java.util.ArrayList<>()).add(r);
        });
        return out;
    }

    /** One customer's ledger rows (unordered). */
    public List<LedgerRow> ofCustomer(TenantId tenant, String customerId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM movement WHERE tenant_id = ? AND customer_id = ?", ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
        }, LedgerRepository::row);
    }

    public void insert(TenantId tenant, Collection<FeedItem> movements) {
        jdbc.copyIn("movement (tenant_id, feed_cursor, customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment,"
                + " channel, recorded_at)", movements, (row, m) -> row.add(tenant.value()).add(m.cursor()).add(m.customerId())
                        .add(m.day()).add(m.kind()).add(m.fromMrr()).add(m.toMrr()).add(m.planCode()).add(m.country())
                        .add(m.segment()).add(m.channel()).add(m.recordedAt()));
    }

    public void delete(TenantId tenant, Collection<String> cursors) {
        if (cursors.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM movement WHERE tenant_id = ? AND feed_cursor = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, cursors);
        });
    }

    public void insertReversals(TenantId tenant, Collection<FeedItem> reversals) {
        jdbc.batch("INSERT INTO reversal (tenant_id, feed_cursor, reverses_cursor) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                reversals, (ps, r) -> {
                    ps.setString(1, tenant.value());
                    ps.setString(2, r.cursor());
                    ps.setString(3, r.reversesCursor());
                });
    }
}
