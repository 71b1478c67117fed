package org.openkpi.acquisition.repository;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.tenant.TenantId;

/**
 * Reads for the KPI queries. Rollup reads aggregate in SQL to one row per (period bucket, group), so their cost
 * is bounded by days x groups of the range, not by facts. Column and table names come from the services'
 * constants, never from input; filter values are bound parameters.
 */
@ApplicationScoped
public class QueryRepository {

    /** Filters: column name -> accepted values (already mapped, "(none)" = ''). */
    public record Filters(Map<String, List<String>> byColumn) {
        String sql(String alias) {
            StringBuilder sb = new StringBuilder();
            byColumn.keySet().forEach(c -> sb.append(" AND ").append(alias).append(c).append(" = ANY(?)"));
            return sb.toString();
        }

        int bind(PreparedStatement ps, int index) throws SQLException {
            int i = index;
            for (List<String> values : byColumn.values()) {
                Jdbc.setTextArray(ps, i++, values);
            }
            return i;
        }
    }

    public record Bucket(LocalDate start, String group, BigDecimal[] sums) {
    }

    private final Jdbc jdbc;

    public QueryRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sums of columns of a rollup ("visitor", "trial", "new_customer", "lead", "email") per date_trunc(unit) bucket and
     * group, over [from, to). For month-aligned units the whole months come from the monthly rollup (when the rollup
     * has one) and only the clipped edges from the daily one.
     */
    public List<Bucket> rollup(TenantId tenant, String rollup, List<String> sumColumns, String unit, LocalDate from, LocalDate to,
            String groupColumn, Filters filters) {
        boolean monthAligned = unit.equals("month") || unit.equals("quarter") || unit.equals("year");
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate lastMonth = to.withDayOfMonth(1);
        if (!monthAligned || rollup.equals("email") || !firstMonth.isBefore(lastMonth)) {
            return scan(tenant, rollup + "_daily", "day", sumColumns, unit, from, to, groupColumn, filters);
        }
        List<Bucket> out = new ArrayList<>();
        if (from.isBefore(firstMonth)) {
            out.addAll(scan(tenant, rollup + "_daily", "day", sumColumns, unit, from, firstMonth, groupColumn, filters));
        }
        out.addAll(scan(tenant, rollup + "_monthly", "month", sumColumns, unit, firstMonth, lastMonth, groupColumn, filters));
        if (lastMonth.isBefore(to)) {
            out.addAll(scan(tenant, rollup + "_daily", "day", sumColumns, unit, lastMonth, to, groupColumn, filters));
        }
        return out;
    }

    private List<Bucket> scan(TenantId tenant, String table, String dayColumn, List<String> sumColumns, String unit, LocalDate from,
            LocalDate to, String groupColumn, Filters filters) {
        StringBuilder sql = new StringBuilder("SELECT date_trunc('").append(unit).append("', ").append(dayColumn).append("::timestamp)::date, ")
                .append(groupColumn == null ? "NULL" : groupColumn);
        sumColumns.forEach(c -> sql.append(", sum(").append(c).append(")"));
        sql.append(" FROM ").append(table).append(" WHERE tenant_id = ? AND ").append(dayColumn).append(" >= ? AND ")
                .append(dayColumn).append(" < ?").append(filters.sql(""))
                .append(" GROUP BY 1, 2");
        return jdbc.list(sql.toString(), ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setDate(ps, 2, from);
            Jdbc.setDate(ps, 3, to);
            filters.bind(ps, 4);
        }, rs -> {
            BigDecimal[] sums = new BigDecimal[sumColumns.size()];
            for (int i = 0; i < sums.length; i++) {
                BigDecimal v = rs.getBigDecimal(3 + i);
                sums[i] = v == null ? BigDecimal.ZERO : v;
            }
            return new Bucket(Jdbc.date(rs, 1), rs.getString(2), sums);
        });
    }

    /** Email subscribes minus unsubscribes of every day before {@code day}. */
    public long emailNetBefore(TenantId tenant, LocalDate day) {
        return jdbc.list("SELECT coalesce(sum(subscribes - unsubscribes), 0) FROM email_daily WHERE tenant_id = ? AND day < ?", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setDate(ps, 2, day);
        }, rs -> rs.getLong(1)).get(0);
    }

    public record SpendSum(LocalDate month, String channel, String kind, BigDecimal amount) {
    }

    public List<SpendSum> spend(TenantId tenant, LocalDate fromMonth, LocalDate to, Filters filters) {
        return jdbc.list("SELECT month, channel, kind, sum(amount_reporting) FROM spend WHERE tenant_id = ? AND month >= ? AND month < ?"
                + filters.sql("") + " GROUP BY 1, 2, 3", ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setDate(ps, 2, fromMonth);
                    Jdbc.setDate(ps, 3, to);
                    filters.bind(ps, 4);
                }, rs -> new SpendSum(Jdbc.date(rs, 1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4)));
    }

    public record LeadFact(LocalDate day, LocalDate mqlDay, String group, boolean converted, boolean sql, Double responseHours) {
    }

    public List<LeadFact> leads(TenantId tenant, LocalDate from, LocalDate to, String groupColumn, Filters filters) {
        return jdbc.list("SELECT day, mql_day, " + (groupColumn == null ? "NULL" : groupColumn) + ", customer_id IS NOT NULL,"
                + " sql_at IS NOT NULL, extract(epoch FROM first_follow_up_at - captured_at) / 3600.0 FROM lead"
                + " WHERE tenant_id = ? AND ((day >= ? AND day < ?) OR (mql_day >= ? AND mql_day < ?))" + filters.sql(""), ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setDate(ps, 2, from);
                    Jdbc.setDate(ps, 3, to);
                    Jdbc.setDate(ps, 4, from);
                    Jdbc.setDate(ps, 5, to);
                    filters.bind(ps, 6);
                }, rs -> {
                    double hours = rs.getDouble(6);
                    Double response = rs.wasNull() ? null : hours;
                    return new LeadFact(Jdbc.date(rs, 1), Jdbc.date(rs, 2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5), response);
                });
    }

    public record ClosedDeal(LocalDate closedDay, String group, String owner, boolean won, BigDecimal amount, double cycleDays,
            String lostReason) {
    }

    public List<ClosedDeal> closedDeals(TenantId tenant, LocalDate from, LocalDate to, String groupColumn, Filters filters) {
        return jdbc.list("SELECT closed_day, " + (groupColumn == null ? "NULL" : groupColumn) + ", owner, status = 'WON',"
                + " amount_reporting, extract(epoch FROM closed_at - created_at) / 86400.0, lost_reason FROM deal"
                + " WHERE tenant_id = ? AND closed_day >= ? AND closed_day < ?" + filters.sql(""), ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setDate(ps, 2, from);
                    Jdbc.setDate(ps, 3, to);
                    filters.bind(ps, 4);
                }, rs -> new ClosedDeal(Jdbc.date(rs, 1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBigDecimal(5),
                        rs.getDouble(6), rs.getString(7)));
    }

    public record StageExit(String stage, double days) {
    }

    public List<StageExit> stageExits(TenantId tenant, LocalDate from, LocalDate to, Filters dealFilters, List<String> stages) {
        return jdbc.list("SELECT s.stage, extract(epoch FROM s.exited_at - s.entered_at) / 86400.0 FROM deal_stage s"
                + " JOIN deal d ON d.tenant_id = s.tenant_id AND d.external_id = s.deal_id"
                + " WHERE s.tenant_id = ? AND s.exit_day >= ? AND s.exit_day < ?" + dealFilters.sql("d.")
                + (stages == null ? "" : " AND s.stage = ANY(?)"), ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setDate(ps, 2, from);
                    Jdbc.setDate(ps, 3, to);
                    int i = dealFilters.bind(ps, 4);
                    if (stages != null) {
                        Jdbc.setTextArray(ps, i, stages);
                    }
                }, rs -> new StageExit(rs.getString(1), rs.getDouble(2)));
    }

    public record OpenDeal(String stage, BigDecimal amount) {
    }

    /** Deals open at {@code at} with the stage they were in then. */
    public List<OpenDeal> openDeals(TenantId tenant, Instant at, Filters dealFilters) {
        return jdbc.list("SELECT DISTINCT ON (d.external_id) s.stage, d.amount_reporting FROM deal d"
                + " JOIN deal_stage s ON s.tenant_id = d.tenant_id AND s.deal_id = d.external_id"
                + " WHERE d.tenant_id = ? AND d.created_at <= ? AND (d.closed_at IS NULL OR d.closed_at > ?) AND s.entered_at <= ?"
                + dealFilters.sql("d.") + " ORDER BY d.external_id, s.seq DESC", ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setInstant(ps, 2, at);
                    Jdbc.setInstant(ps, 3, at);
                    Jdbc.setInstant(ps, 4, at);
                    dealFilters.bind(ps, 5);
                }, rs -> new OpenDeal(rs.getString(1), rs.getBigDecimal(2)));
    }

    public List<Rows.CampaignRow> campaigns(TenantId tenant, LocalDate from, LocalDate to, Filters filters) {
        List<Rows.CampaignRow> out = new ArrayList<>();
        jdbc.each("SELECT external_id, name, channel, start_date, end_date, currency, cost, attributed_revenue, cost_reporting,"
                + " revenue_reporting FROM campaign WHERE tenant_id = ?"
                + (from == null ? "" : " AND start_date < ? AND (end_date IS NULL OR end_date >= ?)") + filters.sql("")
                + " ORDER BY start_date, external_id", ps -> {
                    ps.setString(1, tenant.value());
                    int i = 2;
                    if (from != null) {
                        Jdbc.setDate(ps, i++, to);
                        Jdbc.setDate(ps, i++, from);
                    }
                    filters.bind(ps, i);
                }, rs -> out.add(new Rows.CampaignRow(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.date(rs, 4),
                        Jdbc.date(rs, 5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        rs.getBigDecimal(10), null)));
        return out;
    }
}
