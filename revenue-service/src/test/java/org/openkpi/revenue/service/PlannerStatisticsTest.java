package org.openkpi.revenue.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openkpi.revenue.EmbeddedPostgresResource;
import org.openkpi.revenue.Gql;
import org.openkpi.revenue.repository.Jdbc;
import org.openkpi.revenue.repository.PlannerStatistics;
import org.openkpi.revenue.tenant.TenantId;
import org.postgresql.ds.PGSimpleDataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A new tenant in a database whose statistics were taken before it came: the planner believes it has next to no rows in
 * the tables an event batch reads by customer, and the check analyzes each of them, after which the estimates hold.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PlannerStatisticsTest {

    @Inject
    PlannerStatisticsKeeper keeper;

    @Inject
    PlannerStatistics statistics;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void aNewTenantInAnAnalyzedDatabaseGetsItsTablesAnalyzed() throws SQLException {
        ingest("stats-established", 100);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE"); // the statistics an established installation has: taken before the new tenant came
        }
        ingest("stats-new", 400);
        TenantId tenant = new TenantId("stats-new");

        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : PlannerStatistics.TABLES) {
            long count = statistics.rowsUpTo(table, tenant, Long.MAX_VALUE);
            long estimate = statistics.estimatedRows(table, tenant);
            rows.put(table, count);
            assertTrue(count > PlannerStatisticsKeeper.FACTOR * estimate,
                    table + ": the statistics predate the tenant (estimate " + estimate + ", rows " + count + ")");
        }
        // 400 customers, each with a subscription, an add-on five days later and a quantity change: three events and
        // three customer movements, and two component rows, as the components of the add-on's day (NEW on the add-on's
        // plan, 0 to 20) and of the quantity change (the base plan's 100 to 200) are not the customer's movement of
        // those days (EXPANSION 100 to 120, then 120 to 220)
        assertEquals(Map.of("customer", 400L, "subscription_event", 1200L, "mrr_movement", 1200L, "mrr_component_movement", 800L),
                rows);

        double analyzedBefore = analyzed("mrr_movement");
        assertEquals(new PlannerStatisticsKeeper.Check(PlannerStatistics.TABLES, true, true), keeper.check(tenant, PlannerStatistics.TABLES));
        assertEquals(analyzedBefore + 1, analyzed("mrr_movement"), "kpi_statistics_analyze_total{table=mrr_movement,outcome=done}");
        for (String table : PlannerStatistics.TABLES) {
            long estimate = statistics.estimatedRows(table, tenant);
            assertTrue(PlannerStatisticsKeeper.FACTOR * estimate >= rows.get(table),
                    table + ": after ANALYZE the estimate " + estimate + " is within a factor " + PlannerStatisticsKeeper.FACTOR
                            + " of the " + rows.get(table) + " rows");
        }
        assertEquals(new PlannerStatisticsKeeper.Check(List.of(), true, true), keeper.check(tenant, PlannerStatistics.TABLES), "nothing left to analyze");
    }

    @Test
    void aRoleThatMayNotAnalyzeATableIsToldSo() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kpi_stats_reader')"
                    + " THEN CREATE ROLE kpi_stats_reader LOGIN PASSWORD 'reader'; END IF; END $$");
            s.execute("GRANT SELECT ON customer TO kpi_stats_reader");
        } catch (SQLException e) {
            Assumptions.abort("the test database's user may not create a role: " + e.getMessage());
        }
        PGSimpleDataSource reader = new PGSimpleDataSource();
        reader.setURL(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
        reader.setUser("kpi_stats_reader");
        reader.setPassword("reader");
        PlannerStatistics asReader = new PlannerStatistics(new Jdbc(reader), reader);
        assertTrue(asReader.estimatedRows("customer", new TenantId("stats-nobody")) >= 1, "it may read the table");
        assertEquals(PlannerStatistics.Analyze.NOT_PERMITTED, asReader.analyze("customer"));
        assertEquals(PlannerStatistics.Analyze.DONE, statistics.analyze("customer"), "the service's own role owns it");
    }

    private double analyzed(String table) {
        var counter = registry.find(PlannerStatisticsKeeper.ANALYZES).tag("table", table).tag("outcome", "done").counter();
        return counter == null ? 0 : counter.count();
    }

    /** A tenant's customers, each with a subscription, an add-on and a quantity change. */
    private static void ingest(String tenant, int customers) {
        Gql t = Gql.as(tenant);
        t.plans(List.of(plan("base", "100", "USD", 1), plan("addon", "20", "USD", 1)));
        List<Map<String, Object>> people = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        LocalDate start = LocalDate.parse("2024-01-01");
        for (int i = 0; i < customers; i++) {
            String c = "c" + i;
            LocalDate day = start.plusDays(i % 200);
            people.add(customer(c, "DE", "SMB", "web"));
            events.add(event(c + "-1", c, c + "-s", "STARTED", day + "T09:00:00Z", "planCode", "base"));
            events.add(event(c + "-2", c, c + "-a", "STARTED", day.plusDays(5) + "T09:00:00Z", "planCode", "addon"));
            events.add(event(c + "-3", c, c + "-s", "QUANTITY_CHANGED", day.plusDays(40) + "T09:00:00Z", "quantity", 2));
        }
        t.customers(people);
        t.events(events);
    }
}
