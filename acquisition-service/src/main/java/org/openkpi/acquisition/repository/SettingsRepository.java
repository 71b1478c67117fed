package org.openkpi.acquisition.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.tenant.TenantId;

@ApplicationScoped
public class SettingsRepository {

    private final Jdbc jdbc;

    public SettingsRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's settings, or the defaults (USD, UTC, 30-day trial conversion window). */
    public SettingsRow find(TenantId tenant) {
        List<SettingsRow> rows = jdbc.list(
                "SELECT reporting_currency, time_zone, conversion_window_days FROM tenant_settings WHERE tenant_id = ?",
                ps -> ps.setString(1, tenant.value()), rs -> new SettingsRow(rs.getString(1), rs.getString(2), rs.getInt(3)));
        return rows.isEmpty() ? SettingsRow.DEFAULTS : rows.get(0);
    }

    public void save(TenantId tenant, SettingsRow s) {
        jdbc.update("""
                INSERT INTO tenant_settings (tenant_id, reporting_currency, time_zone, conversion_window_days, updated_at)
                VALUES (?, ?, ?, ?, now())
                ON CONFLICT (tenant_id) DO UPDATE SET reporting_currency = excluded.reporting_currency,
                  time_zone = excluded.time_zone, conversion_window_days = excluded.conversion_window_days, updated_at = now()
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, s.reportingCurrency());
            ps.setString(3, s.timeZone());
            ps.setInt(4, s.conversionWindowDays());
        });
    }
}
