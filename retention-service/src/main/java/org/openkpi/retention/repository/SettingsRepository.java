package org.openkpi.retention.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.tenant.TenantId;

/** The tenant's settings: time zone (UTC by default) and the reporting currency last seen in the change feed. */
@ApplicationScoped
public class SettingsRepository {

    public record SettingsRow(String timeZone, String currency) {
        public static final SettingsRow DEFAULTS = new SettingsRow("UTC", "USD");
    }

    private final Jdbc jdbc;

    public SettingsRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public SettingsRow find(TenantId tenant) {
        List<SettingsRow> rows = jdbc.list("SELECT time_zone, currency FROM tenant_settings WHERE tenant_id = ?",
                ps -> ps.setString(1, tenant.value()), rs -> new SettingsRow(rs.getString(1), rs.getString(2)));
        return rows.isEmpty() ? SettingsRow.DEFAULTS : rows.get(0);
    }

    public void saveTimeZone(TenantId tenant, String zone) {
        jdbc.update("""
                INSERT INTO tenant_settings (tenant_id, time_zone, updated_at) VALUES (?, ?, now())
                ON CONFLICT (tenant_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = now()
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, zone);
        });
    }

    public void saveCurrency(TenantId tenant, String currency) {
        jdbc.update("""
                INSERT INTO tenant_settings (tenant_id, currency, updated_at) VALUES (?, ?, now())
                ON CONFLICT (tenant_id) DO UPDATE SET currency = excluded.currency
                WHERE tenant_settings.currency IS DISTINCT FROM excluded.currency
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, currency);
        });
    }
}
