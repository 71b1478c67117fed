package org.openkpi.revenue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.plan;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A batch of new events inserts its rows before it takes the tenant lock; a batch holding the lock that inserts one of
 * those ids waits for it, while the first waits for the lock. This test builds that cycle deterministically: a plain
 * connection plays the early inserter (it inserts an event id and then asks for the tenant's lock, as
 * {@code IngestionService} does), and a batch through the API plays the lock holder (one of its events is stored
 * already, so it inserts the other under the lock). PostgreSQL aborts the batch, which started waiting first; the
 * service must run it again, so that the client gets the batch's result instead of an error, and the stored event and
 * the ledger are the batch's.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DeadlockRetryTest {

    static final String TENANT = "deadlock-retry";

    @Test
    void aBatchAbortedToBreakADeadlockRunsAgain() throws Exception {
        Gql api = Gql.as(TENANT);
        api.plans(List.of(plan("basic", "30", "USD", 1)));
        api.customers(List.of(customer("c1", "US", "SMB", "ads")));
        Map<String, Object> started = event("e1", "c1", "s1", "STARTED", "2024-01-05T10:00:00Z", "planCode", "basic");
        api.events(List.of(started));
        Map<String, Object> grown = event("e2", "c1", "s1", "QUANTITY_CHANGED", "2024-03-05T10:00:00Z", "quantity", 2);

        double retriesBefore = retries();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection early = connect()) {
            try (Statement s = early.createStatement()) {
                // this session would detect the cycle later than the batch's (it starts waiting later anyway)
                s.execute("SET deadlock_timeout = '20s'");
            } catch (SQLException notSuperuser) {
                // an external test server's user may not change it; the default order still holds
            }
            early.setAutoCommit(false);
            try (PreparedStatement ps = early.prepareStatement("""
                    INSERT INTO subscription_event (tenant_id, external_id, customer_id, subscription_id, type, effective_at,
                      quantity, content_hash)
                    VALUES (?, 'e2', 'c1', 's1', 'QUANTITY_CHANGED', '2024-02-01T10:00:00Z', 5, 'another version')""")) {
                ps.setString(1, TENANT);
                ps.executeUpdate();
            }
            int pid = backendPid(early);

            Future<JsonPath> batch = pool.submit(() -> api.run(Gql.EVENTS, Map.of("e", List.of(started, grown))));
            awaitWaitingFor(pid, TimeUnit.SECONDS.toMillis(30));
            Future<?> lock = pool.submit(() -> {
                try (PreparedStatement ps = early.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")) {
                    ps.setString(1, TENANT);
                    ps.executeQuery().close();
                }
                return null;
            });
            lock.get(60, TimeUnit.SECONDS); // granted once PostgreSQL has aborted the batch's first run
            early.commit(); // the batch's second run waited for this, and now finds e2 stored in another version

            JsonPath result = batch.get(60, TimeUnit.SECONDS);
            assertEquals(null, result.getList("errors"), "no error reaches the client: " + result.prettify());
            assertEquals(Map.of("accepted", 0, "unchanged", 1, "replaced", 1), result.getMap("data.recordSubscriptionEvents"));
            assertEquals(retriesBefore + 1, retries(), "one run again, counted at /q/metrics");
        } finally {
            pool.shutdownNow();
        }

        List<String> movements = new ArrayList<>();
        api.ok("{ mrrMovements(range:{from:\"2024-01-01\",to:\"2025-01-01\"}, first:100){ edges{ node{ customerId day kind"
                + " fromMrr{amount} toMrr{amount} } } } }").getList("data.mrrMovements.edges.node", Map.class)
                .forEach(m -> movements.add(m.get("customerId") + " " + m.get("day") + " " + m.get("kind") + " "
                        + ((Map<?, ?>) m.get("fromMrr")).get("amount") + " " + ((Map<?, ?>) m.get("toMrr")).get("amount")));
        assertEquals(List.of("c1 2024-01-05 NEW 0.00 30.00", "c1 2024-03-05 EXPANSION 30.00 60.00"), movements,
                "the ledger is the batch's version of e2 (quantity 2 from March 5)");
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT quantity, effective_at::date FROM subscription_event WHERE tenant_id = ? AND external_id = 'e2'")) {
            ps.setString(1, TENANT);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
                assertEquals("2024-03-05", rs.getString(2));
            }
        }
    }

    /** kpi_transaction_deadlock_retries_total, as /q/metrics shows it. */
    private static double retries() {
        for (String line : given().when().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (line.startsWith("kpi_transaction_deadlock_retries_total")) { // name, value, then maybe an exemplar
                return Double.parseDouble(line.split("\\s+")[1]);
            }
        }
        throw new AssertionError("no kpi_transaction_deadlock_retries_total at /q/metrics");
    }

    private static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Waits until a session holding an advisory lock (the batch, under the tenant lock) waits for the transaction of the
     * session with this pid.
     */
    private static void awaitWaitingFor(int pid, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity a WHERE ? = ANY(pg_blocking_pids(a.pid)) AND EXISTS (SELECT 1 FROM"
                        + " pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted)")) {
            ps.setInt(1, pid);
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no batch came to wait for the early insert within " + timeoutMillis + " ms");
    }
}
