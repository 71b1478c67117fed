package org.openkpi.revenue.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.openkpi.revenue.EmbeddedPostgresResource;

/**
 * The service's statements run with generic plans ({@code plan_cache_mode} in application.properties), and why: with the
 * statistics of a table analyzed before a tenant's rows arrived, the custom plan of a batch's ledger read joins the
 * batch's customers to every row of the tenant, where the generic plan probes the primary key once per customer.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class GenericPlansTest {

    @Inject
    DataSource dataSource;

    @Test
    void theServiceConnectionsUseGenericPlans() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('plan_cache_mode')")) {
            rs.next();
            assertEquals("force_generic_plan", rs.getString(1));
        }
    }

    @Test
    void aBatchsLedgerReadProbesEachCustomerEvenWhenTheStatisticsPredateTheTenant() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS plan_probe");
            // the ledger table's columns and indexes, with statistics taken while it held another tenant's rows only
            s.execute("CREATE TABLE plan_probe (LIKE mrr_movement INCLUDING ALL) WITH (autovacuum_enabled = false)");
            try {
                s.execute("INSERT INTO plan_probe (tenant_id, customer_id, day, kind, from_mrr, to_mrr, feed_seq)"
                        + " SELECT 'earlier-tenant', 'c' || i, date '2024-01-01' + i % 700, 'NEW', 0, 10, i"
                        + " FROM generate_series(1, 50000) i");
                s.execute("ANALYZE plan_probe");
                s.execute("DELETE FROM plan_probe");
                // then a new tenant's backfill: 20,000 customers with 10 movements each, not analyzed yet
                s.execute("INSERT INTO plan_probe (tenant_id, customer_id, day, kind, from_mrr, to_mrr, feed_seq)"
                        + " SELECT 'new-tenant', 'c' || (i % 20000), date '2024-01-01' + i / 20000 * 30, 'NEW', 0, 10, i"
                        + " FROM generate_series(0, 199999) i");
                s.execute("VACUUM plan_probe");
                s.execute("PREPARE probe(text[], date[], text) AS "
                        + numbered(LedgerRepository.CUSTOMER_MOVEMENTS_FROM.replace("mrr_movement", "plan_probe")));
                StringJoiner ids = new StringJoiner(",", "'{", "}'");
                StringJoiner days = new StringJoiner(",", "'{", "}'");
                for (int i = 0; i < 600; i++) {
                    ids.add("c" + (i * 31 % 20000));
                    days.add("2024-06-01");
                }
                String execute = "EXPLAIN EXECUTE probe(" + ids + ", " + days + ", 'new-tenant')";

                String generic = plan(s, execute);
                assertTrue(generic.contains("Nested Loop"), generic);
                // one primary-key probe per customer of the batch
                assertTrue(generic.contains("Index Scan using plan_probe_pkey")
                        && generic.contains("AND (customer_id = (f.customer_id)::text)"), generic);

                s.execute("SET plan_cache_mode = force_custom_plan");
                String custom = plan(s, execute);
                s.execute("RESET plan_cache_mode");
                assertFalse(custom.contains("Nested Loop"), custom);
                assertTrue(custom.contains("Hash Join") || custom.contains("Merge Join"), custom);
            } finally {
                s.execute("RESET plan_cache_mode");
                s.execute("DEALLOCATE ALL");
                s.execute("DROP TABLE plan_probe");
            }
        }
    }

    private static String plan(Statement s, String explain) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery(explain)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /** JDBC's placeholders as PREPARE's numbered parameters. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                out.append('$').append(++n);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
