package org.openkpi.support.repository;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.engine.BusinessHours;
import org.openkpi.support.tenant.TenantId;

/** The tenant's time zone, business-hours blocks, holidays and SLA targets. */
@ApplicationScoped
public class SettingsRepository {

    /** A priority's targets in business hours. */
    public record TargetRow(String priority, BigDecimal firstResponseHours, BigDecimal resolutionHours) {
    }

    private final Jdbc jdbc;

    public SettingsRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public String zone(TenantId tenant) {
        List<String> rows = jdbc.list("SELECT time_zone FROM tenant_settings WHERE tenant_id = ?",
                ps -> ps.setString(1, tenant.value()), rs -> rs.getString(1));
        return rows.isEmpty() ? "UTC" : rows.get(0);
    }

    public void saveZone(TenantId tenant, String zone) {
        jdbc.update("""
                INSERT INTO tenant_settings (tenant_id, time_zone, updated_at) VALUES (?, ?, now())
                ON CONFLICT (tenant_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = now()
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, zone);
        });
    }

    /** The stored weekly schedule, or the default (Monday to Friday 09:00-17:00) when none is stored. */
    public Map<DayOfWeek, List<BusinessHours.Block>> week(TenantId tenant) {
        Map<DayOfWeek, List<BusinessHours.Block>> week = new EnumMap<>(DayOfWeek.class);
        jdbc.each("SELECT weekday, start_minute, end_minute FROM business_block WHERE tenant_id = ? ORDER BY weekday, start_minute",
                ps -> ps.setString(1, tenant.value()),
                rs -> week.computeIfAbsent(DayOfWeek.of(rs.getInt(1)), d -> new ArrayList<>())
                        .add(new BusinessHours.Block(rs.getInt(2), rs.getInt(3))));
        return week.isEmpty() ? BusinessHours.defaultWeek() : week;
    }

    public void replaceWeek(TenantId tenant, Map<DayOfWeek, List<BusinessHours.Block>> week) {
        jdbc.update("DELETE FROM business_block WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()));
        List<Object[]> rows = new ArrayList<>();
        week.forEach((d, blocks) -> blocks.forEach(b -> rows.add(new Object[] {d.getValue(), b.startMinute(), b.endMinute()})));
        jdbc.batch("INSERT INTO business_block (tenant_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)", rows,
                (ps, r) -> {
                    ps.setString(1, tenant.value());
                    ps.setInt(2, (Integer) r[0]);
                    ps.setInt(3, (Integer) r[1]);
                    ps.setInt(4, (Integer) r[2]);
                });
    }

    public Set<LocalDate> holidays(TenantId tenant) {
        return new TreeSet<>(jdbc.list("SELECT day FROM holiday WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()),
                rs -> rs.getObject(1, LocalDate.class)));
    }

    public void replaceHolidays(TenantId tenant, Collection<LocalDate> days) {
        jdbc.update("DELETE FROM holiday WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()));
        jdbc.batch("INSERT INTO holiday (tenant_id, day) VALUES (?, ?)", days, (ps, d) -> {
            ps.setString(1, tenant.value());
            ps.setObject(2, d);
        });
    }

    public Map<String, TargetRow> targets(TenantId tenant) {
        Map<String, TargetRow> out = new LinkedHashMap<>();
        jdbc.each("SELECT priority, first_response_hours, resolution_hours FROM sla_target WHERE tenant_id = ? ORDER BY priority",
                ps -> ps.setString(1, tenant.value()),
                rs -> out.put(rs.getString(1), new TargetRow(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3))));
        return out;
    }

    public void replaceTargets(TenantId tenant, Collection<TargetRow> targets) {
        jdbc.update("DELETE FROM sla_target WHERE tenant_id = ?", ps -> ps.setString(1, tenant.value()));
        jdbc.batch("INSERT INTO sla_target (tenant_id, priority, first_response_hours, resolution_hours) VALUES (?, ?, ?, ?)",
                targets, (ps, t) -> {
                    ps.setString(1, tenant.value());
                    ps.setString(2, t.priority());
                    ps.setBigDecimal(3, t.firstResponseHours());
                    ps.setBigDecimal(4, t.resolutionHours());
                });
    }
}
