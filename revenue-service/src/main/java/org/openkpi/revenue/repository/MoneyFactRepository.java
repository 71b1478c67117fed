package org.openkpi.revenue.repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.engine.FxRates;
import org.openkpi.revenue.tenant.TenantId;

/**
 * One-off charges and refunds ({@code charge}) and costs ({@code cost_entry}: COGS and operating
 * expenses). Both store the amount as given and converted to the reporting currency at the rate of
 * their day; FX or reporting-currency changes convert them again.
 */
@ApplicationScoped
public class MoneyFactRepository {

    public record ChargeRow(String externalId, String customerId, String kind, Instant occurredAt, LocalDate day,
            BigDecimal amount, String currency, BigDecimal amountReporting, String description, String contentHash) {
    }

    public record CostRow(String externalId, String kind, String category, LocalDate day, BigDecimal amount, String currency,
            BigDecimal amountReporting, String contentHash) {
    }

    public record DailyAmount(LocalDate day, String kind, String category, String customerId, BigDecimal amount) {
    }

    private final Jdbc jdbc;

    public MoneyFactRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> chargeHashes(TenantId tenant, Collection<String> ids) {
        return hashes("charge", tenant, ids);
    }

    public Map<String, String> costHashes(TenantId tenant, Collection<String> ids) {
        return hashes("cost_entry", tenant, ids);
    }

    private Map<String, String> hashes(String table, TenantId tenant, Collection<String> ids) {
        Map<String, String> out = new HashMap<>();
        jdbc.each("SELECT external_id, content_hash FROM " + table + " WHERE tenant_id = ? AND external_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, ids);
        }, rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    public void upsertCharges(TenantId tenant, Collection<ChargeRow> rows) {
        jdbc.batch("""
                INSERT INTO charge (tenant_id, external_id, customer_id, kind, occurred_at, day, amount, currency,
                  amount_reporting, description, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, kind = excluded.kind,
                  occurred_at = excluded.occurred_at, day = excluded.day, amount = excluded.amount, currency = excluded.currency,
                  amount_reporting = excluded.amount_reporting, description = excluded.description,
                  content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            ps.setString(3, r.customerId());
            ps.setString(4, r.kind());
            ps.setTimestamp(5, Timestamp.from(r.occurredAt()));
            ps.setDate(6, Date.valueOf(r.day()));
            ps.setBigDecimal(7, r.amount());
            ps.setString(8, r.currency());
            ps.setBigDecimal(9, r.amountReporting());
            ps.setString(10, r.description());
            ps.setString(11, r.contentHash());
        });
    }

    public void upsertCosts(TenantId tenant, Collection<CostRow> rows) {
        jdbc.batch("""
                INSERT INTO cost_entry (tenant_id, external_id, kind, category, day, amount, currency, amount_reporting,
                  content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET kind = excluded.kind, category = excluded.category,
                  day = excluded.day, amount = excluded.amount, currency = excluded.currency,
                  amount_reporting = excluded.amount_reporting, content_hash = excluded.content_hash
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.externalId());
            ps.setString(3, r.kind());
            ps.setString(4, r.category());
            ps.setDate(5, Date.valueOf(r.day()));
            ps.setBigDecimal(6, r.amount());
            ps.setString(7, r.currency());
            ps.setBigDecimal(8, r.amountReporting());
            ps.setString(9, r.contentHash());
        });
    }

    private record StoredAmount(String externalId, LocalDate day, BigDecimal amount, String currency) {
    }

    private record Conversion(String externalId, BigDecimal amountReporting) {
    }

    /** Moves every charge to the day its instant falls on in {@code zone} (after a time-zone change). */
    public void redayCharges(TenantId tenant, java.time.ZoneId zone) {
        jdbc.update("UPDATE charge SET day = (occurred_at AT TIME ZONE ?)::date WHERE tenant_id = ?", ps -> {
            ps.setString(1, zone.getId());
            ps.setString(2, tenant.value());
        });
    }

    /**
     * Converts every stored charge and cost again with the given rates (after FX rates or the reporting
     * currency changed). Returns a description of each one whose day has no rate, if any.
     */
    public List<String> reconvert(TenantId tenant, FxRates fx, int scale) {
        List<String> missing = new ArrayList<>();
        for (String table : List.of("charge", "cost_entry")) {
            List<StoredAmount> rows = jdbc.list("SELECT external_id, day, amount, currency FROM " + table + " WHERE tenant_id = ?",
                    ps -> ps.setString(1, tenant.value()),
                    rs -> new StoredAmount(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getBigDecimal(3), rs.getString(4)));
            List<Conversion> updates = new ArrayList<>();
            for (StoredAmount r : rows) {
                BigDecimal rate = fx.rate(r.currency(), r.day());
                if (rate == null) {
                    missing.add(table + " " + r.externalId() + " (" + r.currency() + " on " + r.day() + ")");
                } else {
                    updates.add(new Conversion(r.externalId(), r.amount().multiply(rate).setScale(scale, RoundingMode.HALF_UP)));
                }
            }
            jdbc.batch("UPDATE " + table + " SET amount_reporting = ? WHERE tenant_id = ? AND external_id = ?", updates,
                    (ps, u) -> {
                        ps.setBigDecimal(1, u.amountReporting());
                        ps.setString(2, tenant.value());
                        ps.setString(3, u.externalId());
                    });
        }
        return missing;
    }

    /** Charges and refunds with day in [from, to), per day, kind and customer. */
    public List<DailyAmount> charges(TenantId tenant, LocalDate from, LocalDate to) {
        return jdbc.list("""
                SELECT day, kind, customer_id, sum(amount_reporting) FROM charge
                WHERE tenant_id = ? AND day >= ? AND day < ? GROUP BY day, kind, customer_id
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
        }, rs -> new DailyAmount(rs.getDate(1).toLocalDate(), rs.getString(2), null, rs.getString(3), rs.getBigDecimal(4)));
    }

    /** Costs with day in [from, to), per day, kind and category. */
    public List<DailyAmount> costs(TenantId tenant, LocalDate from, LocalDate to) {
        return jdbc.list("""
                SELECT day, kind, category, sum(amount_reporting) FROM cost_entry
                WHERE tenant_id = ? AND day >= ? AND day < ? GROUP BY day, kind, category
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
        }, rs -> new DailyAmount(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3), null, rs.getBigDecimal(4)));
    }
}
