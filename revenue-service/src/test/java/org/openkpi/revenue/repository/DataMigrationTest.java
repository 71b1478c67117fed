package org.openkpi.revenue.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.openkpi.revenue.EmbeddedPostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Migrations that move existing data, each run on a database of its own that is migrated to the version before,
 * given rows, then migrated to the latest version:
 * <ul>
 * <li>V3 (component rows implied by the customer ledger): the view reads as the table did, and only mirror rows go;</li>
 * <li>V4 (the change feed read from the ledger): the feed reads exactly as before, entry for entry, and only the
 * entries that left the ledger stay stored apart;</li>
 * <li>V7 (replay states on the customer rows): each stored state lands on its own customer's row, byte for byte, in
 * its own tenant, customers without one get none, and the table goes.</li>
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DataMigrationTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> configuredPassword;

    private static final String FEED_COLUMNS = "seq, tenant_id, entry_type, reverses_seq, customer_id, day, kind, from_mrr,"
            + " to_mrr, plan_code, country, segment, channel, recorded_at";

    private String password;

    /** A new database migrated to {@code version}; its JDBC URL. */
    private String databaseAt(String version) throws SQLException {
        password = configuredPassword.orElse("");
        String database = "revenue_data_migration_" + System.nanoTime();
        execute(url, "CREATE DATABASE " + database);
        String migrationUrl = url.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        Flyway.configure().dataSource(migrationUrl, user, password).locations("classpath:db/migration").target(version).load()
                .migrate();
        return migrationUrl;
    }

    private void migrateToLatest(String migrationUrl) {
        Flyway.configure().dataSource(migrationUrl, user, password).locations("classpath:db/migration").load().migrate();
    }

    private static final String MOVEMENTS = "INSERT INTO mrr_movement (tenant_id, customer_id, day, kind, from_mrr, to_mrr,"
            + " plan_code, country, segment, channel, feed_seq) VALUES ";

    private void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static final String COMPONENT_COLUMNS = "tenant_id, customer_id, plan_code, day, kind, from_mrr, to_mrr, country,"
            + " segment, channel";

    @Test
    void componentRowsThatMirrorTheirDaysCustomerMovementGoAndTheViewReadsAsTheTableDid() throws SQLException {
        String migrationUrl = databaseAt("2");
        execute(migrationUrl, MOVEMENTS + """
                  ('t', 'c1', '2024-01-10', 'NEW', 0, 100, 'A', 'US', 'smb', NULL, 1),
                  ('t', 'c2', '2024-01-10', 'NEW', 0, 150, 'A', 'US', NULL, NULL, 2),
                  ('t', 'c4', '2024-01-10', 'NEW', 0, 80, 'A', 'GB', NULL, NULL, 3),
                  ('t', 'c5', '2024-01-10', 'NEW', 0, 60, 'A', 'GB', NULL, NULL, 4)
                """, "INSERT INTO mrr_component_movement (" + COMPONENT_COLUMNS + ") VALUES"
                // c1: one plan, the customer movement's mirror (goes)
                + " ('t', 'c1', 'A', '2024-01-10', 'NEW', 0, 100, 'US', 'smb', NULL),"
                // c2: two plans on the day (both stay)
                + " ('t', 'c2', 'A', '2024-01-10', 'NEW', 0, 100, 'US', NULL, NULL),"
                + " ('t', 'c2', 'B', '2024-01-10', 'NEW', 0, 50, 'US', NULL, NULL),"
                // c3: a plan switch at the same MRR, no customer movement (both stay)
                + " ('t', 'c3', 'A', '2024-02-01', 'CHURN', 100, 0, NULL, NULL, NULL),"
                + " ('t', 'c3', 'B', '2024-02-01', 'NEW', 0, 100, NULL, NULL, NULL),"
                // c4: the component's kind differs from the customer's (stays)
                + " ('t', 'c4', 'A', '2024-01-10', 'REACTIVATION', 0, 80, 'GB', NULL, NULL),"
                // c5: the mirror, in another tenant's rows too (goes; u's stays: no customer movement there)
                + " ('t', 'c5', 'A', '2024-01-10', 'NEW', 0, 60, 'GB', NULL, NULL),"
                + " ('u', 'c5', 'A', '2024-01-10', 'NEW', 0, 60, 'GB', NULL, NULL)");
        String ordered = " ORDER BY tenant_id, customer_id, day, plan_code";
        List<String> before = rows(migrationUrl, "SELECT " + COMPONENT_COLUMNS + " FROM mrr_component_movement" + ordered);

        migrateToLatest(migrationUrl);

        assertEquals(8, before.size());
        assertEquals(before, rows(migrationUrl, "SELECT " + COMPONENT_COLUMNS + " FROM mrr_component_ledger" + ordered));
        assertEquals(List.of("t c2 A", "t c2 B", "t c3 A", "t c3 B", "t c4 A", "u c5 A"),
                rows(migrationUrl, "SELECT tenant_id, customer_id, plan_code FROM mrr_component_movement" + ordered));
        assertEquals(List.of("c1 f", "c2 t", "c4 t", "c5 f"),
                rows(migrationUrl, "SELECT customer_id, components_stored FROM mrr_movement ORDER BY customer_id"));
    }

    @Test
    void theFeedReadsAsBeforeAndOnlyRetiredEntriesStayApart() throws SQLException {
        String migrationUrl = databaseAt("3");
        execute(migrationUrl, MOVEMENTS + """
                  ('t', 'c1', '2024-01-10', 'NEW', 0, 100, 'A', 'US', 'smb', 'ads', 1),
                  ('t', 'c2', '2024-01-10', 'NEW', 0, 50, 'B', 'GB', NULL, NULL, 2),
                  ('t', 'c1', '2024-02-01', 'EXPANSION', 100, 150, 'A', 'US', 'smb', 'ads', 5),
                  ('u', 'c1', '2024-03-01', 'NEW', 0, 70, 'A', NULL, NULL, NULL, 6)
                """, "INSERT INTO change_feed (" + FEED_COLUMNS + ") VALUES"
                + " (1, 't', 'MOVEMENT', NULL, 'c1', '2024-01-10', 'NEW', 0, 100, 'A', 'US', 'smb', 'ads', '2024-01-10 12:00:00+00'),"
                + " (2, 't', 'MOVEMENT', NULL, 'c2', '2024-01-10', 'NEW', 0, 50, 'B', 'GB', NULL, NULL, '2024-01-10 12:00:01+00'),"
                // a movement a correction removed, its reversal, and the corrected movement
                + " (3, 't', 'MOVEMENT', NULL, 'c1', '2024-02-01', 'EXPANSION', 100, 200, 'A', 'US', 'smb', 'ads', '2024-02-01 08:00:00+00'),"
                + " (4, 't', 'REVERSAL', 3, 'c1', '2024-02-01', 'EXPANSION', 100, 200, 'A', 'US', 'smb', 'ads', '2024-02-03 09:30:00+00'),"
                + " (5, 't', 'MOVEMENT', NULL, 'c1', '2024-02-01', 'EXPANSION', 100, 150, 'A', 'US', 'smb', 'ads', '2024-02-03 09:30:00+00'),"
                + " (6, 'u', 'MOVEMENT', NULL, 'c1', '2024-03-01', 'NEW', 0, 70, 'A', NULL, NULL, NULL, '2024-03-01 00:00:00+00')");
        List<String> before = rows(migrationUrl, "SELECT " + FEED_COLUMNS + " FROM change_feed ORDER BY seq");

        migrateToLatest(migrationUrl);

        assertEquals(6, before.size());
        assertEquals(before, rows(migrationUrl, "SELECT " + FEED_COLUMNS + " FROM change_feed ORDER BY seq"));
        assertEquals(List.of("3", "4"), rows(migrationUrl, "SELECT seq FROM change_feed_retired ORDER BY seq"));
        assertEquals(List.of("t c1 2024-01-10 1 2024-01-10 12:00:00+00", "t c2 2024-01-10 2 2024-01-10 12:00:01+00",
                "t c1 2024-02-01 5 2024-02-03 09:30:00+00", "u c1 2024-03-01 6 2024-03-01 00:00:00+00"),
                rows(migrationUrl, "SELECT tenant_id, customer_id, day, feed_seq, to_char(recorded_at AT TIME ZONE 'UTC',"
                        + " 'YYYY-MM-DD HH24:MI:SS') || '+00' FROM mrr_movement ORDER BY feed_seq"));
        // and per tenant, as a consumer pages it
        assertEquals(List.of("6"), rows(migrationUrl, "SELECT seq FROM change_feed WHERE tenant_id = 'u' AND seq > 0 ORDER BY seq"));
    }

    @Test
    void replayStatesMoveOntoTheirCustomersRows() throws SQLException {
        String migrationUrl = databaseAt("6");
        execute(migrationUrl, """
                INSERT INTO customer (tenant_id, external_id, name, country, segment, channel, content_hash) VALUES
                  ('t', 'c1', 'One', 'US', NULL, NULL, 'h1'),
                  ('t', 'c2', 'Two', NULL, NULL, NULL, 'h2'),
                  ('u', 'c1', 'Other tenant', NULL, NULL, NULL, 'h3')
                """, """
                INSERT INTO customer_replay_state (tenant_id, customer_id, state) VALUES
                  ('t', 'c1', '\\x01020300ff'::bytea),
                  ('u', 'c1', '\\x0107'::bytea)
                """);

        migrateToLatest(migrationUrl);

        assertEquals(List.of("t c1 One \\x01020300ff", "t c2 Two null", "u c1 Other tenant \\x0107"),
                rows(migrationUrl, "SELECT tenant_id, external_id, name, replay_state FROM customer ORDER BY tenant_id, external_id"));
        assertEquals(List.of("0"), rows(migrationUrl, "SELECT count(*) FROM pg_class WHERE relname = 'customer_replay_state'"));
    }

    private List<String> rows(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i == 1 ? "" : " ").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
