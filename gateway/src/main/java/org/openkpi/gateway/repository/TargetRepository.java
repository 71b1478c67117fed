package org.openkpi.gateway.repository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.gateway.api.model.AlertRule;
import org.openkpi.gateway.api.model.Comparison;
import org.openkpi.gateway.api.model.Kpi;
import org.openkpi.gateway.api.model.ReviewFrequency;
import org.openkpi.gateway.api.model.Target;
import org.openkpi.gateway.api.model.TargetDirection;

/** Targets and alert rules of a tenant (tables kpi_targets, alert_rules); every statement is scoped by tenant. Writes join the caller's transaction. */
@ApplicationScoped
public class TargetRepository {

    private final DataSource dataSource;

    public TargetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void upsertTargets(String tenant, List<Target> targets) {
        String sql = """
                insert into kpi_targets (tenant_id, kpi, frequency, effective_from, value, direction)
                values (?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, kpi, frequency, effective_from)
                do update set value = excluded.value, direction = excluded.direction, updated_at = now()""";
        inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (Target t : targets) {
                    ps.setString(1, tenant);
                    ps.setString(2, t.kpi().name());
                    ps.setString(3, t.frequency().name());
                    ps.setDate(4, Date.valueOf(t.effectiveFrom()));
                    ps.setBigDecimal(5, t.value());
                    ps.setString(6, t.direction().name());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    public boolean deleteTarget(String tenant, Kpi kpi, ReviewFrequency frequency, java.time.LocalDate effectiveFrom) {
        int[] deleted = new int[1];
        inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "delete from kpi_targets where tenant_id = ? and kpi = ? and frequency = ? and effective_from = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, kpi.name());
                ps.setString(3, frequency.name());
                ps.setDate(4, Date.valueOf(effectiveFrom));
                deleted[0] = ps.executeUpdate();
            }
        });
        return deleted[0] > 0;
    }

    public List<Target> targets(String tenant) {
        List<Target> targets = new ArrayList<>();
        query("select kpi, frequency, effective_from, value, direction from kpi_targets where tenant_id = ? "
                + "order by kpi, frequency, effective_from", tenant, rs -> targets.add(new Target(
                        Kpi.valueOf(rs.getString(1)), ReviewFrequency.valueOf(rs.getString(2)),
                        rs.getDate(3).toLocalDate(), plain(rs.getBigDecimal(4)), TargetDirection.valueOf(rs.getString(5)))));
        return targets;
    }

    /** @return how many rules were new (accepted), the same (unchanged) and changed (replaced) */
    public int[] upsertRules(String tenant, List<AlertRule> rules) {
        int[] counts = new int[3];
        inTransaction(connection -> {
            for (AlertRule rule : rules) {
                try (PreparedStatement read = connection.prepareStatement(
                        "select kpi, frequency, comparison, threshold from alert_rules where tenant_id = ? and external_id = ? for update")) {
                    read.setString(1, tenant);
                    read.setString(2, rule.externalId());
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next()) {
                            boolean same = rs.getString(1).equals(rule.kpi().name()) && rs.getString(2).equals(rule.frequency().name())
                                    && rs.getString(3).equals(rule.comparison().name())
                                    && rs.getBigDecimal(4).compareTo(rule.threshold()) == 0;
                            if (same) {
                                counts[1]++;
                                continue;
                            }
                            counts[2]++;
                        } else {
                            counts[0]++;
                        }
                    }
                }
                try (PreparedStatement ps = connection.prepareStatement("""
                        insert into alert_rules (tenant_id, external_id, kpi, frequency, comparison, threshold)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, external_id) do update set kpi = excluded.kpi, frequency = excluded.frequency,
                          comparison = excluded.comparison, threshold = excluded.threshold, updated_at = now()""")) {
                    ps.setString(1, tenant);
                    ps.setString(2, rule.externalId());
                    ps.setString(3, rule.kpi().name());
                    ps.setString(4, rule.frequency().name());
                    ps.setString(5, rule.comparison().name());
                    ps.setBigDecimal(6, rule.threshold());
                    ps.executeUpdate();
                }
            }
        });
        return counts;
    }

    public boolean deleteRule(String tenant, String externalId) {
        int[] deleted = new int[1];
        inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("delete from alert_rules where tenant_id = ? and external_id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, externalId);
                deleted[0] = ps.executeUpdate();
            }
        });
        return deleted[0] > 0;
    }

    public List<AlertRule> rules(String tenant) {
        List<AlertRule> rules = new ArrayList<>();
        query("select external_id, kpi, frequency, comparison, threshold from alert_rules where tenant_id = ? order by external_id",
                tenant, rs -> rules.add(new AlertRule(rs.getString(1), Kpi.valueOf(rs.getString(2)),
                        ReviewFrequency.valueOf(rs.getString(3)), Comparison.valueOf(rs.getString(4)), plain(rs.getBigDecimal(5)))));
        return rules;
    }

    private static java.math.BigDecimal plain(java.math.BigDecimal v) {
        java.math.BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs in the caller's transaction (the service layer is {@code @Transactional}). */
    private void inTransaction(Work work) {
        try (Connection connection = dataSource.getConnection()) {
            work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("database error", e);
        }
    }

    private void query(String sql, String tenant, Row row) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error", e);
        }
    }
}
