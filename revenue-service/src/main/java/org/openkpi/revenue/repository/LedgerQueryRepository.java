package org.openkpi.revenue.repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.engine.MovementKind;
import org.openkpi.revenue.tenant.TenantId;

/** Reads of the ledgers and their rollups for the KPI queries. */
@ApplicationScoped
public class LedgerQueryRepository {

    /** A rollup dimension: its name in mrr_daily and its column in the ledgers. */
    public enum Dimension {
        TOTAL("total", null), PLAN("plan", "plan_code"), COUNTRY("country", "country"), SEGMENT("segment", "segment"),
        CHANNEL("channel", "channel");

        public final String rollupName;
        public final String column;

        Dimension(String rollupName, String column) {
            this.rollupName = rollupName;
            this.column = column;
        }
    }

    /** Ledger filter: lists of accepted values per dimension; an empty map does not filter. */
    public record LedgerFilter(Map<Dimension, List<String>> values) {
    }

    public record GroupBalance(String group, BigDecimal mrr, int customers) {
    }

    public record RollupDay(String group, LocalDate day, BigDecimal[] mrr, int newCustomers, int reactivatedCustomers,
            int churnedCustomers) {
    }

    private final Jdbc jdbc;

    public LedgerQueryRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<GroupBalance> rollupOpening(TenantId tenant, Dimension dimension, Collection<String> values, LocalDate before,
            boolean inclusive) {
        String sql = """
                SELECT dim_value, coalesce(sum(new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churn_mrr), 0),
                       coalesce(sum(new_customers + reactivated_customers - churned_customers), 0)
                FROM mrr_daily WHERE tenant_id = ? AND dimension = ? AND day %s ? %s GROUP BY dim_value
                """.formatted(inclusive ? "<=" : "<", values == null ? "" : "AND dim_value = ANY(?)");
        return jdbc.list(sql, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, dimension.rollupName);
            ps.setDate(3, Date.valueOf(before));
            if (values != null) {
                Jdbc.setTextArray(ps, 4, values);
            }
        }, rs -> new GroupBalance(rs.getString(1), rs.getBigDecimal(2), rs.getInt(3)));
    }

    public List<RollupDay> rollupDays(TenantId tenant, Dimension dimension, Collection<String> values, LocalDate from,
            LocalDate to) {
        String sql = """
                SELECT dim_value, day, new_mrr, expansion_mrr, contraction_mrr, churn_mrr, reactivation_mrr, new_customers,
                       reactivated_customers, churned_customers
                FROM mrr_daily WHERE tenant_id = ? AND dimension = ? AND day >= ? AND day < ? %s
                """.formatted(values == null ? "" : "AND dim_value = ANY(?)");
        return jdbc.list(sql, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, dimension.rollupName);
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
            if (values != null) {
                Jdbc.setTextArray(ps, 5, values);
            }
        }, rs -> new RollupDay(rs.getString(1), rs.getDate(2).toLocalDate(),
                new BigDecimal[] { rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6),
                        rs.getBigDecimal(7) },
                rs.getInt(8), rs.getInt(9), rs.getInt(10)));
    }

    /**
     * Distinct customers with an EXPANSION movement per period (given by parallel start/end lists) and
     * group of the dimension (TOTAL: one null group; PLAN: the component ledger, the view of its stored rows and
     * the customer movements they leave implied).
     */
    public Map<String, Map<Integer, Integer>> expansionCustomers(TenantId tenant, Dimension dimension, Collection<String> values,
            List<LocalDate> starts, List<LocalDate> ends) {
        String table = dimension == Dimension.PLAN ? "mrr_component_ledger" : "mrr_movement";
        String groupExpr = dimension == Dimension.TOTAL ? "NULL::text" : "coalesce(m." + dimension.column + ", '')";
        String sql = """
                SELECT %s, p.idx, count(DISTINCT m.customer_id)
                FROM %s m JOIN unnest(?::date[], ?::date[]) WITH ORDINALITY AS p(s, e, idx) ON m.day >= p.s AND m.day < p.e
                WHERE m.tenant_id = ? AND m.kind = 'EXPANSION' AND m.day >= ? AND m.day < ? %s
                GROUP BY 1, 2
                """.formatted(groupExpr, table, values == null ? "" : "AND " + groupExpr + " = ANY(?)");
        Map<String, Map<Integer, Integer>> out = new HashMap<>();
        jdbc.each(sql, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("date", starts.stream().map(Date::valueOf).toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("date", ends.stream().map(Date::valueOf).toArray()));
            ps.setString(3, tenant.value());
            ps.setDate(4, Date.valueOf(starts.get(0)));
            ps.setDate(5, Date.valueOf(ends.get(ends.size() - 1)));
            if (values != null) {
                Jdbc.setTextArray(ps, 6, values);
            }
        }, rs -> out.computeIfAbsent(rs.getString(1), g -> new HashMap<>()).put(rs.getInt(2) - 1, rs.getInt(3)));
        return out;
    }

    /**
     * Streams ledger rows with day before {@code before}, ordered by customer, then day (and plan), for
     * queries the rollups cannot answer.
     */
    public void scan(TenantId tenant, boolean componentLedger, LedgerFilter filter, LocalDate before,
            Consumer<StoredMovement> consumer) {
        String table = componentLedger ? "mrr_component_ledger" : "mrr_movement";
        StringBuilder where = new StringBuilder();
        List<List<String>> params = new ArrayList<>();
        filter.values().forEach((dimension, values) -> {
            where.append(" AND coalesce(").append(dimension.column).append(", '') = ANY(?)");
            params.add(values);
        });
        String sql = "SELECT customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment, channel FROM " + table
                + " WHERE tenant_id = ? AND day < ?" + where + " ORDER BY customer_id, day" + (componentLedger ? ", plan_code" : "");
        jdbc.each(sql, ps -> {
            ps.setString(1, tenant.value());
            ps.setDate(2, Date.valueOf(before));
            bindLists(ps, 3, params);
        }, rs -> consumer.accept(LedgerRepository.map(rs, 0)));
    }

    private static void bindLists(PreparedStatement ps, int first, List<List<String>> lists) throws SQLException {
        int i = first;
        for (List<String> values : lists) {
            Jdbc.setTextArray(ps, i++, values);
        }
    }

    /** A page of the customer ledger in (day, customer) order after the given position. */
    public List<StoredMovement> movementPage(TenantId tenant, LocalDate from, LocalDate to, LedgerFilter filter,
            Collection<MovementKind> kinds, String customerId, LocalDate afterDay, String afterCustomer, int limit) {
        StringBuilder where = new StringBuilder();
        List<List<String>> params = new ArrayList<>();
        filter.values().forEach((dimension, values) -> {
            where.append(" AND coalesce(").append(dimension.column).append(", '') = ANY(?)");
            params.add(values);
        });
        if (kinds != null && !kinds.isEmpty()) {
            where.append(" AND kind = ANY(?)");
            params.add(kinds.stream().map(Enum::name).toList());
        }
        if (customerId != null) {
            where.append(" AND customer_id = ANY(?)");
            params.add(List.of(customerId));
        }
        String sql = "SELECT customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment, channel, feed_seq"
                + " FROM mrr_movement WHERE tenant_id = ? AND day >= ? AND day < ? AND (day, customer_id) > (?, ?)" + where
                + " ORDER BY day, customer_id LIMIT ?";
        return jdbc.list(sql, ps -> {
            ps.setString(1, tenant.value());
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            ps.setDate(4, Date.valueOf(afterDay));
            ps.setString(5, afterCustomer);
            bindLists(ps, 6, params);
            ps.setInt(6 + params.size(), limit);
        }, rs -> LedgerRepository.map(rs, rs.getLong(10)));
    }

    /** The customer-ledger rows of the given customers (one query), by customer, each list ordered by day. */
    public Map<String, List<StoredMovement>> customerHistories(TenantId tenant, Collection<String> customerIds) {
        Map<String, List<StoredMovement>> byCustomer = new HashMap<>();
        if (customerIds.isEmpty()) {
            return byCustomer;
        }
        jdbc.list("""
                SELECT customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment, channel, feed_seq
                FROM mrr_movement WHERE tenant_id = ? AND customer_id = ANY(?) ORDER BY customer_id, day
                """, ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, customerIds);
        }, rs -> LedgerRepository.map(rs, rs.getLong(10)))
                .forEach(m -> byCustomer.computeIfAbsent(m.customerId(), k -> new ArrayList<>()).add(m));
        return byCustomer;
    }

    /**
     * Customer-ledger rows (day before {@code before}) of the customers whose NEW movement falls in
     * [from, before), ordered by customer and day.
     */
    public List<StoredMovement> movementsOfCustomersNewIn(TenantId tenant, LocalDate from, LocalDate before) {
        return jdbc.list("""
                SELECT m.customer_id, m.day, m.kind, m.from_mrr, m.to_mrr, m.plan_code, m.country, m.segment, m.channel
                FROM mrr_movement m
                WHERE m.tenant_id = ? AND m.day < ? AND m.customer_id IN (
                  SELECT n.customer_id FROM mrr_movement n
                  WHERE n.tenant_id = ? AND n.kind = 'NEW' AND n.day >= ? AND n.day < ?)
                ORDER BY m.customer_id, m.day
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setDate(2, Date.valueOf(before));
            ps.setString(3, tenant.value());
            ps.setDate(4, Date.valueOf(from));
            ps.setDate(5, Date.valueOf(before));
        }, rs -> LedgerRepository.map(rs, 0));
    }
}
