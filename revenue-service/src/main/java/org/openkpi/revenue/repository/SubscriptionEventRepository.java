package org.openkpi.revenue.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.engine.EventType;
import org.openkpi.revenue.engine.SubscriptionEvent;
import org.openkpi.revenue.tenant.TenantId;
import org.openkpi.revenue.util.Maps;

@ApplicationScoped
public class SubscriptionEventRepository {

    private final Jdbc jdbc;

    public SubscriptionEventRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, StoredFact> findStored(TenantId tenant, Collection<String> externalIds) {
        Map<String, StoredFact> found = new HashMap<>();
        jdbc.each("SELECT external_id, content_hash, customer_id FROM subscription_event WHERE tenant_id = ? AND external_id = ANY(?)",
                ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setTextArray(ps, 2, externalIds);
                }, rs -> found.put(rs.getString(1), new StoredFact(rs.getString(2), rs.getString(3))));
        return found;
    }

    /** Every event of the given customers, grouped by customer. */
    public Map<String, List<SubscriptionEvent>> findByCustomers(TenantId tenant, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return new HashMap<>();
        }
        Map<String, List<SubscriptionEvent>> byCustomer = Maps.hashMap(customerIds.size());
        jdbc.each("SELECT " + COLUMNS + " FROM subscription_event WHERE tenant_id = ? AND customer_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, customerIds);
        }, rs -> {
            SubscriptionEvent e = map(rs);
            byCustomer.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(e);
        });
        return byCustomer;
    }

    /**
     * The given customers' events effective at or after an instant each, grouped by customer; customers without one are
     * missing. Found by the index on customer, whose entries of a customer are one posting list (an index on customer
     * and instant would find just these rows, but its entries, one per event, made the index and every event write
     * larger: measured in BENCHMARK.md).
     */
    public Map<String, List<SubscriptionEvent>> findAfter(TenantId tenant, Map<String, Instant> from) {
        Map<String, List<SubscriptionEvent>> byCustomer = new HashMap<>();
        if (from.isEmpty()) {
            return byCustomer;
        }
        List<String> ids = new ArrayList<>(from.size());
        List<String> instants = new ArrayList<>(from.size());
        from.forEach((id, at) -> {
            ids.add(id);
            instants.add(at.toString());
        });
        jdbc.each("SELECT " + COLUMNS + """
                 FROM unnest(?::text[], ?::timestamptz[]) AS f(id, from_at)
                     CROSS JOIN LATERAL (SELECT * FROM subscription_event
                       WHERE tenant_id = ? AND customer_id = f.id AND effective_at >= f.from_at) e
                """, ps -> {
            Jdbc.setTextArray(ps, 1, ids);
            Jdbc.setTextArray(ps, 2, instants);
            ps.setString(3, tenant.value());
        }, rs -> {
            SubscriptionEvent e = map(rs);
            byCustomer.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(e);
        });
        return byCustomer;
    }

    /** Customers having an event on one of these plans. */
    public Set<String> customersOnPlans(TenantId tenant, Collection<String> planCodes) {
        return new TreeSet<>(jdbc.list("SELECT DISTINCT customer_id FROM subscription_event WHERE tenant_id = ? AND plan_code = ANY(?)",
                ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setTextArray(ps, 2, planCodes);
                }, rs -> rs.getString(1)));
    }

    public Set<String> allCustomers(TenantId tenant) {
        return new TreeSet<>(jdbc.list("SELECT DISTINCT customer_id FROM subscription_event WHERE tenant_id = ?",
                ps -> ps.setString(1, tenant.value()), rs -> rs.getString(1)));
    }

    /**
     * Inserts events whose external ids are not stored yet (bulk COPY), in external-id order: consecutive rows land on
     * the same primary-key index pages.
     */
    public void insert(TenantId tenant, Collection<Map.Entry<SubscriptionEvent, String>> eventsWithHash) {
        jdbc.copyIn(COPY_TARGET, inKeyOrder(eventsWithHash), (row, entry) -> copyRow(tenant, row, entry));
    }

    /**
     * Inserts the events if none of their external ids is stored yet, else nothing (all or nothing; the
     * transaction goes on). Saves looking the ids up first when a batch is all new, as appended history is.
     *
     * @param rows the events as {@link #render} rendered them
     * @return whether the events were inserted
     */
    public boolean insertIfAllNew(Jdbc.CopyText rows) {
        return jdbc.copyInUnlessDuplicate(COPY_TARGET, "subscription_event_pkey", rows);
    }

    /** The events' rows for {@link #insertIfAllNew}, in external-id order, rendered ahead (before the tenant lock). */
    public static Jdbc.CopyText render(TenantId tenant, Collection<Map.Entry<SubscriptionEvent, String>> eventsWithHash) {
        return Jdbc.render(inKeyOrder(eventsWithHash), (row, entry) -> copyRow(tenant, row, entry));
    }

    private static final String COPY_TARGET = "subscription_event (tenant_id, external_id, customer_id, subscription_id, type,"
            + " effective_at, plan_code, quantity, trial_ends_at, discount_percent, discount_amount, cancel_at, paid_through,"
            + " content_hash)";

    private static List<Map.Entry<SubscriptionEvent, String>> inKeyOrder(Collection<Map.Entry<SubscriptionEvent, String>> rows) {
        List<Map.Entry<SubscriptionEvent, String>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(entry -> entry.getKey().externalId()));
        return out;
    }

    private static void copyRow(TenantId tenant, Jdbc.CopyRow row, Map.Entry<SubscriptionEvent, String> entry) {
        SubscriptionEvent e = entry.getKey();
        row.add(tenant.value()).add(e.externalId()).add(e.customerId()).add(e.subscriptionId()).add(e.type())
                .add(e.effectiveAt()).add(e.planCode()).add(e.quantity()).add(e.trialEndsAt())
                .add(e.discountPercent()).add(e.discountAmount()).add(e.cancelAt()).add(e.paidThrough())
                .add(entry.getValue());
    }

    /** Inserts or replaces events by external id. */
    public void upsert(TenantId tenant, Collection<Map.Entry<SubscriptionEvent, String>> eventsWithHash) {
        jdbc.batch("""
                INSERT INTO subscription_event (tenant_id, external_id, customer_id, subscription_id, type, effective_at,
                  plan_code, quantity, trial_ends_at, discount_percent, discount_amount, cancel_at, paid_through, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET customer_id = excluded.customer_id,
                  subscription_id = excluded.subscription_id, type = excluded.type, effective_at = excluded.effective_at,
                  plan_code = excluded.plan_code, quantity = excluded.quantity, trial_ends_at = excluded.trial_ends_at,
                  discount_percent = excluded.discount_percent, discount_amount = excluded.discount_amount,
                  cancel_at = excluded.cancel_at, paid_through = excluded.paid_through, content_hash = excluded.content_hash
                """, eventsWithHash, (ps, entry) -> {
            SubscriptionEvent e = entry.getKey();
            ps.setString(1, tenant.value());
            ps.setString(2, e.externalId());
            ps.setString(3, e.customerId());
            ps.setString(4, e.subscriptionId());
            ps.setString(5, e.type().name());
            ps.setTimestamp(6, Timestamp.from(e.effectiveAt()));
            ps.setString(7, e.planCode());
            if (e.quantity() == null) {
                ps.setNull(8, Types.INTEGER);
            } else {
                ps.setInt(8, e.quantity());
            }
            setInstant(ps, 9, e.trialEndsAt());
            ps.setBigDecimal(10, e.discountPercent());
            ps.setBigDecimal(11, e.discountAmount());
            setInstant(ps, 12, e.cancelAt());
            setInstant(ps, 13, e.paidThrough());
            ps.setString(14, entry.getValue());
        });
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        Timestamp ts = rs.getTimestamp(index);
        return ts == null ? null : ts.toInstant();
    }

    /** The columns {@link #map} reads, in its order. */
    private static final String COLUMNS = """
            external_id, customer_id, subscription_id, type, effective_at, plan_code, quantity, trial_ends_at,
            trim_scale(discount_percent), trim_scale(discount_amount), cancel_at, paid_through""";

    /**
     * An event as it was ingested: the amounts are selected with trim_scale, so they come without the column's trailing
     * zeros, as validation left them (a state derived from events read back equals one derived from the batch's own).
     */
    private static SubscriptionEvent map(ResultSet rs) throws SQLException {
        Integer quantity = (Integer) rs.getObject(7);
        return new SubscriptionEvent(rs.getString(1), rs.getString(2), rs.getString(3), EventType.valueOf(rs.getString(4)),
                instant(rs, 5), rs.getString(6), quantity, instant(rs, 8), rs.getBigDecimal(9),
                rs.getBigDecimal(10), instant(rs, 11), instant(rs, 12));
    }
}
