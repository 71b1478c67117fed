package org.openkpi.revenue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.plan;

import java.math.BigDecimal;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An event batch whose ids all look new inserts its events before it takes the tenant lock, so two batches carrying the
 * same new external id can deadlock: one holds the id's uncommitted row and waits for the lock, the other holds the lock
 * and waits for that row. This test builds exactly that (the test holds the tenant lock while the two queue behind it,
 * the one that does not insert early first) and checks that PostgreSQL's deadlock detection and the service's retry
 * end with both batches recorded, once each, as if they had come one after the other.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DeadlockRetryTest {

    static final String TENANT = "deadlock-retry";
    static final String RETRIES = "kpi_transaction_deadlock_retries_total";
    static final String MOVEMENTS = """
            { mrrMovements(range:{from:"2025-01-01",to:"2026-01-01"}, first:100){
                edges{ node{ customerId day kind fromMrr{amount} toMrr{amount} } } } }""";

    @Test
    void batchesSharingANewEventIdAreBothRecordedAfterTheDeadlockIsBroken() throws Exception {
        Gql t = Gql.as(TENANT);
        t.plans(List.of(plan("basic", "30", "USD", 1)));
        t.customers(List.of(customer("c1", "US", "SMB", "ads"), customer("c2", "US", "SMB", "ads")));
        Map<String, Object> e0 = event("e0", "c1", "s1", "STARTED", "2025-03-01T10:00:00Z", "planCode", "basic");
        Map<String, Object> x1 = event("x1", "c2", "s2", "STARTED", "2025-04-01T10:00:00Z", "planCode", "basic");
        Map<String, Object> x2 = event("x2", "c2", "s2", "QUANTITY_CHANGED", "2025-05-01T10:00:00Z", "quantity", 3);
        t.events(List.of(e0));
        double retriesBefore = retries();

        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<JsonPath> results = new ArrayList<>();
        try (Connection holder = connect(); Connection watcher = connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) { // the tenant lock, as a writing batch takes it
                s.execute("SELECT pg_advisory_xact_lock(hashtextextended('" + TENANT + "', 7))");
            }
            // a re-sent event makes this batch classify its ids under the lock, and insert x1 there
            Future<JsonPath> resend = senders.submit(() -> t.events(List.of(e0, x1)));
            awaitWaiters(watcher, 1);
            // all new: inserts x1 and x2 before the lock, then queues behind the first batch
            Future<JsonPath> appended = senders.submit(() -> t.events(List.of(x1, x2)));
            awaitWaiters(watcher, 2);
            holder.commit();
            results.add(resend.get(60, TimeUnit.SECONDS));
            results.add(appended.get(60, TimeUnit.SECONDS));
        } finally {
            senders.shutdownNow();
        }

        assertEquals(1.0, retries() - retriesBefore,
                "one of the two batches was aborted by the deadlock detection and ran again");
        int accepted = 0;
        int unchanged = 0;
        int replaced = 0;
        for (JsonPath r : results) {
            accepted += r.getInt("data.recordSubscriptionEvents.accepted");
            unchanged += r.getInt("data.recordSubscriptionEvents.unchanged");
            replaced += r.getInt("data.recordSubscriptionEvents.replaced");
        }
        assertEquals(2, accepted, "x1 and x2, each once");
        assertEquals(2, unchanged, "e0, and x1 in whichever batch came second");
        assertEquals(0, replaced);
        List<Map<String, Object>> log = t.ok(MOVEMENTS, null).getList("data.mrrMovements.edges.node");
        assertEquals(List.of(
                movement("c1", "2025-03-01", "NEW", "0.00", "30.00"),
                movement("c2", "2025-04-01", "NEW", "0.00", "30.00"),
                movement("c2", "2025-05-01", "EXPANSION", "30.00", "90.00")), log);
        JsonPath events = t.events(List.of(e0, x1, x2));
        assertEquals(3, events.getInt("data.recordSubscriptionEvents.unchanged"), "each event stored once");
    }

    private static Map<String, Object> movement(String customer, String day, String kind, String from, String to) {
        return Map.of("customerId", customer, "day", day, "kind", kind, "fromMrr", Map.of("amount", new BigDecimal(from)),
                "toMrr", Map.of("amount", new BigDecimal(to)));
    }

    /** The service's count of transactions run again after a deadlock (/q/metrics). */
    private static double retries() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(RETRIES) + " ([0-9.eE+-]+)").matcher(metrics);
        if (!m.find()) {
            throw new AssertionError(RETRIES + " is not at /q/metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** Waits until this many transactions wait for the tenant's advisory lock. */
    private static void awaitWaiters(Connection watcher, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (PreparedStatement ps = watcher.prepareStatement("""
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 7)
                """)) {
            ps.setString(1, TENANT);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= count) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("fewer than " + count + " batches wait for the tenant lock");
                }
                Thread.sleep(20);
            }
        }
    }
}
