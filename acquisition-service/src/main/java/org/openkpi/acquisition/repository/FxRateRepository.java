package org.openkpi.acquisition.repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.tenant.TenantId;

@ApplicationScoped
public class FxRateRepository {

    public record FxRateRow(String currency, LocalDate effectiveDate, BigDecimal rate) {
    }

    private final Jdbc jdbc;

    public FxRateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stored rates keyed by "CUR:date". */
    public Map<String, BigDecimal> findAll(TenantId tenant) {
        Map<String, BigDecimal> out = new HashMap<>();
        jdbc.each("SELECT currency, effective_date, rate FROM fx_rate WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()),
                rs -> out.put(rs.getString(1) + ":" + rs.getDate(2).toLocalDate(), rs.getBigDecimal(3)));
        return out;
    }

    public void upsert(TenantId tenant, Collection<FxRateRow> rows) {
        jdbc.batch("""
                INSERT INTO fx_rate (tenant_id, currency, effective_date, rate) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, currency, effective_date) DO UPDATE SET rate = excluded.rate
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.currency());
            ps.setDate(3, Date.valueOf(r.effectiveDate()));
            ps.setBigDecimal(4, r.rate());
        });
    }
}
