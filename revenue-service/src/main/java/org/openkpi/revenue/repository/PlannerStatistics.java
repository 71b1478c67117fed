package org.openkpi.revenue.repository;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.tenant.TenantId;
import org.postgresql.PGStatement;

/**
 * What PostgreSQL's planner believes of a tenant's rows in the tables an event batch reads by customer, and
 * {@code ANALYZE} to correct it. Used by background work, outside any transaction.
 */
@ApplicationScoped
public class PlannerStatistics {

    /**
     * The tables an event batch reads by its customers (joined to the batch's customer ids), whose plans go wrong when
     * the planner believes the tenant has far fewer rows than it has.
     */
    public static final List<String> TABLES;

    /** Of {@link #TABLES}, the one that grows with a tenant's customers. */
    public static final List<String> CUSTOMER_TABLES = List.of("customer");

    /** Of {@link #TABLES}, those that grow with a tenant's subscription events: theirs, and the movements they make. */
    public static final List<String> EVENT_TABLES = List.of("subscription_event", "mrr_movement", "mrr_component_movement");

    static {
        List<String> all = new ArrayList<>(CUSTOMER_TABLES);
        all.addAll(EVENT_TABLES);
        TABLES = List.copyOf(all);
    }

    /** How long {@code ANALYZE} waits for its table lock (held by a running VACUUM, or another ANALYZE) before giving up. */
    static final String LOCK_TIMEOUT = "500ms";

    private static final Pattern ROWS = Pattern.compile(" rows=(\\d+) ");

    /** The result of an {@code ANALYZE}. */
    public enum Analyze {
        DONE,
        /** The table's lock was not granted within {@link #LOCK_TIMEOUT}: another VACUUM or ANALYZE is at work. */
        BUSY,
        /** PostgreSQL skipped the table: the service's role neither owns it nor has the MAINTAIN privilege on it. */
        NOT_PERMITTED
    }

    private final Jdbc jdbc;
    private final DataSource dataSource;

    /** The estimates and counts go through {@code jdbc}; {@code ANALYZE} runs on a connection of {@code dataSource}'s. */
    public PlannerStatistics(Jdbc jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The planner's estimate of the tenant's rows in the table (at least 1, as the planner never estimates fewer). */
    public long estimatedRows(String table, TenantId tenant) {
        String sql = "EXPLAIN SELECT 1 FROM " + known(table) + " WHERE tenant_id = ?";
        List<String> plan = jdbc.list(sql, ps -> {
            // never a server-side prepared statement: the estimate is of this tenant's value, never a generic plan's
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            ps.setString(1, tenant.value());
        }, rs -> rs.getString(1));
        Matcher m = ROWS.matcher(plan.isEmpty() ? "" : plan.get(0));
        if (!m.find()) {
            throw new IllegalStateException("no row estimate in the plan of " + sql + ": " + plan);
        }
        return Long.parseLong(m.group(1));
    }

    /** The tenant's rows in the table, counted up to {@code limit} (so the cost is bounded by it). */
    public long rowsUpTo(String table, TenantId tenant, long limit) {
        return jdbc.list("SELECT count(*) FROM (SELECT 1 FROM " + known(table) + " WHERE tenant_id = ? LIMIT ?) r", ps -> {
            ps.setString(1, tenant.value());
            ps.setLong(2, limit);
        }, rs -> rs.getLong(1)).get(0);
    }

    /**
     * {@code ANALYZE} of the table, in a transaction of its own that waits at most {@link #LOCK_TIMEOUT} for the table's
     * lock (so a running autovacuum is not cancelled for it).
     */
    public Analyze analyze(String table) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
                s.execute("ANALYZE " + known(table));
                boolean skipped = skippedForPermission(s.getWarnings());
                c.commit();
                return skipped ? Analyze.NOT_PERMITTED : Analyze.DONE;
            } catch (SQLException e) {
                c.rollback();
                if ("55P03".equals(e.getSQLState())) { // lock_not_available
                    return Analyze.BUSY;
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE " + table + " failed", e);
        }
    }

    /** PostgreSQL's warning "permission denied to analyze ..., skipping it" (SQLSTATE 01000, so told by its text). */
    private static boolean skippedForPermission(SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            if (w.getMessage() != null && w.getMessage().contains("permission denied")) {
                return true;
            }
        }
        return false;
    }

    private static String known(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a table whose statistics are kept: " + table);
        }
        return table;
    }
}
