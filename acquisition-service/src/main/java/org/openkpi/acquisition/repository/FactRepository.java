package org.openkpi.acquisition.repository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.repository.Rows.CampaignRow;
import org.openkpi.acquisition.repository.Rows.DealRow;
import org.openkpi.acquisition.repository.Rows.EmailRow;
import org.openkpi.acquisition.repository.Rows.LeadRow;
import org.openkpi.acquisition.repository.Rows.OldKey;
import org.openkpi.acquisition.repository.Rows.SpendRow;
import org.openkpi.acquisition.repository.Rows.StageRow;
import org.openkpi.acquisition.repository.Rows.StageSpan;
import org.openkpi.acquisition.repository.Rows.TrialRow;
import org.openkpi.acquisition.repository.Rows.VisitRow;
import org.openkpi.acquisition.repository.Rows.VisitorCountRow;
import org.openkpi.acquisition.tenant.TenantId;

/** Writes and idempotence look-ups of the ingested facts. */
@ApplicationScoped
public class FactRepository {

    /** Fact tables keyed by (tenant_id, external_id) with a content_hash. */
    public enum Table {
        VISIT("visit", "day", null), TRIAL("trial", "day", "customer_id"), LEAD("lead", "day", "customer_id"),
        DEAL("deal", "closed_day", null), CAMPAIGN("campaign", "start_date", null), SPEND("spend", "month", null),
        EMAIL("email_activity", "day", null);

        final String name;
        final String dayColumn;
        final String customerColumn;

        Table(String name, String dayColumn, String customerColumn) {
            this.name = name;
            this.dayColumn = dayColumn;
            this.customerColumn = customerColumn;
        }
    }

    private final Jdbc jdbc;

    public FactRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> hashes(TenantId tenant, Table table, Collection<String> ids) {
        Map<String, String> out = new HashMap<>();
        jdbc.each("SELECT external_id, content_hash FROM " + table.name + " WHERE tenant_id = ? AND external_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, ids);
        }, rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** The day (and customer) each stored fact counts on, before it is replaced. */
    public List<OldKey> oldKeys(TenantId tenant, Table table, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String customer = table.customerColumn == null ? "NULL" : table.customerColumn;
        return jdbc.list("SELECT external_id, " + table.dayColumn + ", " + customer + " FROM " + table.name
                + " WHERE tenant_id = ? AND external_id = ANY(?)", ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setTextArray(ps, 2, ids);
                }, rs -> new OldKey(rs.getString(1), Jdbc.date(rs, 2), rs.getString(3)));
    }

    public Map<String, Long> visitorCounts(TenantId tenant, Collection<VisitorCountRow> keys) {
        Map<String, Long> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        jdbc.each("SELECT day, channel, campaign, visitors FROM visitor_count WHERE tenant_id = ? AND day = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setDateArray(ps, 2, keys.stream().map(VisitorCountRow::day).distinct().toList());
        }, rs -> out.put(Jdbc.date(rs, 1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getLong(4)));
        return out;
    }

    public void upsertVisitorCounts(TenantId tenant, Collection<VisitorCountRow> rows) {
        jdbc.batch("""
                INSERT INTO visitor_count (tenant_id, day, channel, campaign, visitors) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, day, channel, campaign) DO UPDATE SET visitors = excluded.visitors
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            Jdbc.setDate(ps, 2, r.day());
            ps.setString(3, r.channel());
            ps.setString(4, r.campaign());
            ps.setLong(5, r.visitors());
        });
    }

    public void upsertVisits(TenantId tenant, Collection<VisitRow> rows) {
        jdbc.batch("""
                INSERT INTO visit (tenant_id, external_id, visitor_id, occurred_at, day, channel, campaign, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET visitor_id = excluded.visitor_id, occurred_at = excluded.occurred_at,
                  day = excluded.day, channel = excluded.channel, campaign = excluded.campaign, content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            ps.setString(3, r.visitorId());
            Jdbc.setInstant(ps, 4, r.occurredAt());
            Jdbc.setDate(ps, 5, r.day());
            ps.setString(6, r.channel());
            ps.setString(7, r.campaign());
            ps.setString(8, r.hash());
        });
    }

    public void upsertTrials(TenantId tenant, Collection<TrialRow> rows) {
        jdbc.batch("""
                INSERT INTO trial (tenant_id, external_id, started_at, day, channel, campaign, customer_id, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET started_at = excluded.started_at, day = excluded.day,
                  channel = excluded.channel, campaign = excluded.campaign, customer_id = excluded.customer_id,
                  content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            Jdbc.setInstant(ps, 3, r.startedAt());
            Jdbc.setDate(ps, 4, r.day());
            ps.setString(5, r.channel());
            ps.setString(6, r.campaign());
            ps.setString(7, r.customerId());
            ps.setString(8, r.hash());
        });
    }

    public void upsertLeads(TenantId tenant, Collection<LeadRow> rows) {
        jdbc.batch("""
                INSERT INTO lead (tenant_id, external_id, captured_at, day, channel, campaign, owner, mql_at, mql_day, sql_at,
                  first_follow_up_at, customer_id, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET captured_at = excluded.captured_at, day = excluded.day,
                  channel = excluded.channel, campaign = excluded.campaign, owner = excluded.owner, mql_at = excluded.mql_at,
                  mql_day = excluded.mql_day, sql_at = excluded.sql_at, first_follow_up_at = excluded.first_follow_up_at,
                  customer_id = excluded.customer_id, content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            Jdbc.setInstant(ps, 3, r.capturedAt());
            Jdbc.setDate(ps, 4, r.day());
            ps.setString(5, r.channel());
            ps.setString(6, r.campaign());
            ps.setString(7, r.owner());
            Jdbc.setInstant(ps, 8, r.mqlAt());
            Jdbc.setDate(ps, 9, r.mqlDay());
            Jdbc.setInstant(ps, 10, r.sqlAt());
            Jdbc.setInstant(ps, 11, r.firstFollowUpAt());
            ps.setString(12, r.customerId());
            ps.setString(13, r.hash());
        });
    }

    public Map<String, StageRow> stages(TenantId tenant) {
        Map<String, StageRow> out = new HashMap<>();
        jdbc.each("SELECT code, name, position, win_probability, content_hash FROM pipeline_stage WHERE tenant_id = ?",
                ps -> ps.setString(1, tenant.value()),
                rs -> out.put(rs.getString(1), new StageRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4),
                        rs.getString(5))));
        return out;
    }

    public void upsertStages(TenantId tenant, Collection<StageRow> rows) {
        jdbc.batch("""
                INSERT INTO pipeline_stage (tenant_id, code, name, position, win_probability, content_hash) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, position = excluded.position,
                  win_probability = excluded.win_probability, content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.code());
            ps.setString(3, r.name());
            ps.setInt(4, r.position());
            ps.setBigDecimal(5, r.winProbability());
            ps.setString(6, r.hash());
        });
    }

    public void upsertDeals(TenantId tenant, List<DealRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batch("""
                INSERT INTO deal (tenant_id, external_id, name, owner, channel, campaign, amount, currency, amount_reporting, created_at,
                  status, closed_at, closed_day, lost_reason, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET name = excluded.name, owner = excluded.owner,
                  channel = excluded.channel, campaign = excluded.campaign, amount = excluded.amount, currency = excluded.currency,
                  amount_reporting = excluded.amount_reporting, created_at = excluded.created_at, status = excluded.status,
                  closed_at = excluded.closed_at, closed_day = excluded.closed_day, lost_reason = excluded.lost_reason,
                  content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            ps.setString(3, r.name());
            ps.setString(4, r.owner());
            ps.setString(5, r.channel());
            ps.setString(6, r.campaign());
            ps.setBigDecimal(7, r.amount());
            ps.setString(8, r.currency());
            ps.setBigDecimal(9, r.amountReporting());
            Jdbc.setInstant(ps, 10, r.createdAt());
            ps.setString(11, r.status());
            Jdbc.setInstant(ps, 12, r.closedAt());
            Jdbc.setDate(ps, 13, r.closedDay());
            ps.setString(14, r.lostReason());
            ps.setString(15, r.hash());
        });
        jdbc.update("DELETE FROM deal_stage WHERE tenant_id = ? AND deal_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, rows.stream().map(DealRow::externalId).toList());
        });
        List<Map.Entry<String, StageSpan>> spans = rows.stream()
                .flatMap(d -> d.stages().stream().map(s -> Map.entry(d.externalId(), s))).toList();
        jdbc.copyIn("deal_stage (tenant_id, deal_id, seq, stage, entered_at, exited_at, exit_day)", spans,
                (row, e) -> row.add(tenant.value()).add(e.getKey()).add(e.getValue().seq()).add(e.getValue().stage())
                        .add(e.getValue().enteredAt()).add(e.getValue().exitedAt()).add(e.getValue().exitDay()));
    }

    public void upsertCampaigns(TenantId tenant, Collection<CampaignRow> rows) {
        jdbc.batch("""
                INSERT INTO campaign (tenant_id, external_id, name, channel, start_date, end_date, currency, cost, attributed_revenue,
                  cost_reporting, revenue_reporting, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET name = excluded.name, channel = excluded.channel,
                  start_date = excluded.start_date, end_date = excluded.end_date, currency = excluded.currency, cost = excluded.cost,
                  attributed_revenue = excluded.attributed_revenue, cost_reporting = excluded.cost_reporting,
                  revenue_reporting = excluded.revenue_reporting, content_hash = excluded.content_hash
                """, rows, (ps, r) -> bindCampaign(tenant, ps, r));
    }

    private static void bindCampaign(TenantId tenant, PreparedStatement ps, CampaignRow r) throws SQLException {
        ps.setString(1, tenant.value());
        ps.setString(2, r.externalId());
        ps.setString(3, r.name());
        ps.setString(4, r.channel());
        Jdbc.setDate(ps, 5, r.startDate());
        Jdbc.setDate(ps, 6, r.endDate());
        ps.setString(7, r.currency());
        ps.setBigDecimal(8, r.cost());
        ps.setBigDecimal(9, r.attributedRevenue());
        ps.setBigDecimal(10, r.costReporting());
        ps.setBigDecimal(11, r.revenueReporting());
        ps.setString(12, r.hash());
    }

    public void upsertSpend(TenantId tenant, Collection<SpendRow> rows) {
        jdbc.batch("""
                INSERT INTO spend (tenant_id, external_id, month, channel, kind, amount, currency, amount_reporting, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET month = excluded.month, channel = excluded.channel,
                  kind = excluded.kind, amount = excluded.amount, currency = excluded.currency,
                  amount_reporting = excluded.amount_reporting, content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            Jdbc.setDate(ps, 3, r.month());
            ps.setString(4, r.channel());
            ps.setString(5, r.kind());
            ps.setBigDecimal(6, r.amount());
            ps.setString(7, r.currency());
            ps.setBigDecimal(8, r.amountReporting());
            ps.setString(9, r.hash());
        });
    }

    public void upsertEmail(TenantId tenant, Collection<EmailRow> rows) {
        jdbc.batch("""
                INSERT INTO email_activity (tenant_id, external_id, day, subscribes, unsubscribes, content_hash) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET day = excluded.day, subscribes = excluded.subscribes,
                  unsubscribes = excluded.unsubscribes, content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            Jdbc.setDate(ps, 3, r.day());
            ps.setLong(4, r.subscribes());
            ps.setLong(5, r.unsubscribes());
            ps.setString(6, r.hash());
        });
    }

    /** Money facts to convert again after an FX or reporting-currency change: (table, id, currency, date). */
    public record MoneyFact(Table table, String externalId, String currency, java.time.LocalDate date,
            java.math.BigDecimal amount, java.math.BigDecimal amount2) {
    }

    public List<MoneyFact> moneyFacts(TenantId tenant) {
        List<MoneyFact> out = new java.util.ArrayList<>();
        jdbc.each("SELECT external_id, currency, coalesce(closed_day, (created_at AT TIME ZONE coalesce((SELECT time_zone FROM"
                + " tenant_settings s WHERE s.tenant_id = deal.tenant_id), 'UTC'))::date), amount FROM deal WHERE tenant_id = ?",
                ps -> ps.setString(1, tenant.value()),
                rs -> out.add(new MoneyFact(Table.DEAL, rs.getString(1), rs.getString(2), Jdbc.date(rs, 3), rs.getBigDecimal(4), null)));
        jdbc.each("SELECT external_id, currency, start_date, cost, attributed_revenue FROM campaign WHERE tenant_id = ?",
                ps -> ps.setString(1, tenant.value()), rs -> out.add(new MoneyFact(Table.CAMPAIGN, rs.getString(1), rs.getString(2),
                        Jdbc.date(rs, 3), rs.getBigDecimal(4), rs.getBigDecimal(5))));
        jdbc.each("SELECT external_id, currency, month, amount FROM spend WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()),
                rs -> out.add(new MoneyFact(Table.SPEND, rs.getString(1), rs.getString(2), Jdbc.date(rs, 3), rs.getBigDecimal(4), null)));
        return out;
    }

    /** Stores converted amounts: value = amount (and amount2) in the reporting currency. */
    public void updateConverted(TenantId tenant, List<Map.Entry<MoneyFact, java.math.BigDecimal[]>> converted) {
        for (Table t : List.of(Table.DEAL, Table.CAMPAIGN, Table.SPEND)) {
            List<Map.Entry<MoneyFact, java.math.BigDecimal[]>> rows = converted.stream().filter(e -> e.getKey().table() == t).toList();
            String sql = switch (t) {
                case DEAL -> "UPDATE deal SET amount_reporting = ? WHERE tenant_id = ? AND external_id = ?";
                case SPEND -> "UPDATE spend SET amount_reporting = ? WHERE tenant_id = ? AND external_id = ?";
                default -> "UPDATE campaign SET cost_reporting = ?, revenue_reporting = ? WHERE tenant_id = ? AND external_id = ?";
            };
            jdbc.batch(sql, rows, (ps, e) -> {
                int i = 1;
                ps.setBigDecimal(i++, e.getValue()[0]);
                if (t == Table.CAMPAIGN) {
                    ps.setBigDecimal(i++, e.getValue()[1]);
                }
                ps.setString(i++, tenant.value());
                ps.setString(i, e.getKey().externalId());
            });
        }
    }

    /** Recomputes every day derived from an instant in the tenant's new time zone. */
    public void reDay(TenantId tenant, String zone) {
        for (String sql : List.of(
                "UPDATE visit SET day = (occurred_at AT TIME ZONE ?)::date WHERE tenant_id = ?",
                "UPDATE trial SET day = (started_at AT TIME ZONE ?)::date WHERE tenant_id = ?",
                "UPDATE lead SET day = (captured_at AT TIME ZONE ?)::date WHERE tenant_id = ?",
                "UPDATE lead SET mql_day = (mql_at AT TIME ZONE ?)::date WHERE tenant_id = ? AND mql_at IS NOT NULL",
                "UPDATE deal SET closed_day = (closed_at AT TIME ZONE ?)::date WHERE tenant_id = ? AND closed_at IS NOT NULL",
                "UPDATE deal_stage SET exit_day = (exited_at AT TIME ZONE ?)::date WHERE tenant_id = ? AND exited_at IS NOT NULL")) {
            jdbc.update(sql, ps -> {
                ps.setString(1, zone);
                ps.setString(2, tenant.value());
            });
        }
    }
}
