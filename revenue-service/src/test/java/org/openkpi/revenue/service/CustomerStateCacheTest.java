package org.openkpi.revenue.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.plan;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openkpi.revenue.EmbeddedPostgresResource;
import org.openkpi.revenue.Gql;
import org.openkpi.revenue.OtherInstance;
import org.openkpi.revenue.TenantRows;
import org.openkpi.revenue.repository.CustomerRow;
import org.openkpi.revenue.repository.TenantLock;
import org.openkpi.revenue.tenant.TenantId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The cache of customers' rows and replay states an instance keeps from its own event writes: a batch gets its
 * customers from it instead of the database, and never a value that a write the cache did not see has changed (another
 * instance's batch, a customer's new dimensions), nor one a rolled-back write would have left.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CustomerStateCacheTest {

    private static final String LEDGER = "SELECT customer_id, day, kind, from_mrr, to_mrr, country FROM mrr_movement"
            + " WHERE tenant_id = ? ORDER BY customer_id, day";

    @Inject
    CustomerStateCache cache;
    @Inject
    DataSource dataSource;
    @Inject
    TenantLock lock;
    @Inject
    OtherInstance otherInstance;

    @Test
    void aBatchGetsTheCustomersItsInstanceWroteLastFromTheCache() throws SQLException {
        Gql t = tenantWithPlanA("cache-hits", "c1", "c2");
        CustomerStateCache.Stats before = cache.stats();
        t.events(List.of(started("e1", "c1", "2024-01-10"), started("e2", "c2", "2024-01-10")));
        assertStats(before, 0, 2, "first batch: read from the database");
        // the customer rows' states are removed: a batch reading them would replay the histories, which are gone too
        execute("UPDATE customer SET replay_state = NULL WHERE tenant_id = 'cache-hits'");
        execute("DELETE FROM subscription_event WHERE tenant_id = 'cache-hits'");
        before = cache.stats();
        t.events(List.of(quantity("e3", "c1", "2024-02-10", 2), quantity("e4", "c2", "2024-02-10", 3)));
        assertStats(before, 2, 0, "second batch: both customers from the cache");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals((double) cache.stats().hits(), counter(metrics, "hit"), "the hits counted at /q/metrics");
        assertEquals((double) cache.stats().misses(), counter(metrics, "miss"), "the misses counted at /q/metrics");
        assertEquals(List.of("c1 2024-01-10 NEW 0.0000 100.0000 US", "c1 2024-02-10 EXPANSION 100.0000 200.0000 US",
                "c2 2024-01-10 NEW 0.0000 100.0000 US", "c2 2024-02-10 EXPANSION 100.0000 300.0000 US"),
                rows(LEDGER, "cache-hits"), "continued from the cached states, the stored events unread");
    }

    @Test
    void anotherInstancesWriteIsLearnedFromTheWriteLog() throws SQLException {
        Gql t = tenantWithPlanA("cache-foreign", "c1", "c2");
        t.events(List.of(started("e1", "c1", "2024-01-10"), started("e2", "c2", "2024-01-10")));
        // another instance (its own cache) changes c1's quantity; this instance's cache still holds c1 at quantity 1
        otherInstance.events("cache-foreign", List.of(quantity("e3", "c1", "2024-02-10", 2)));
        CustomerStateCache.Stats before = cache.stats();
        t.events(List.of(quantity("e4", "c1", "2024-03-10", 3), quantity("e5", "c2", "2024-03-10", 2)));
        assertStats(before, 1, 1, "c1, which the other instance changed, is read from the database; c2 from the cache");
        assertEquals(List.of("c1 2024-01-10 NEW 0.0000 100.0000 US", "c1 2024-02-10 EXPANSION 100.0000 200.0000 US",
                "c1 2024-03-10 EXPANSION 200.0000 300.0000 US", "c2 2024-01-10 NEW 0.0000 100.0000 US",
                "c2 2024-03-10 EXPANSION 100.0000 200.0000 US"), rows(LEDGER, "cache-foreign"));
        before = cache.stats();
        t.events(List.of(quantity("e6", "c1", "2024-04-10", 4)));
        assertStats(before, 1, 0, "c1 is cached again after this instance's write");
    }

    @Test
    void newDimensionsOfACustomerAreNotTakenFromTheCache() throws SQLException {
        Gql t = tenantWithPlanA("cache-dimensions", "c1");
        t.events(List.of(started("e1", "c1", "2024-01-10")));
        t.customers(List.of(customer("c1", "DE", "smb", "ads"))); // logged as a write that may change anything
        CustomerStateCache.Stats before = cache.stats();
        t.events(List.of(quantity("e2", "c1", "2024-02-10", 2)));
        assertStats(before, 0, 1, "the whole tenant's entries are void");
        assertEquals(List.of("c1 2024-01-10 NEW 0.0000 100.0000 DE", "c1 2024-02-10 EXPANSION 100.0000 200.0000 DE"),
                rows(LEDGER, "cache-dimensions"));
    }

    @Test
    void onlyACommittedWriteEntersTheCache() {
        TenantId tenant = new TenantId("cache-rollback");
        tenantWithPlanA("cache-rollback", "c1");
        CustomerRow row = new CustomerRow("c1", null, "US", "smb", "ads", "hash");
        long start = QuarkusTransaction.requiringNew().call(() -> {
            long seen = lock.version(tenant);
            cache.read(tenant, seen, List.of("c1")); // the cache now knows the tenant as of this version
            return seen;
        });
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            lock.lockForEvents(tenant);
            cache.written(tenant, lock.logWrite(tenant, List.of("c1")), Map.of("c1", row), Map.of("c1", new KnownState(new byte[] {1}, 3)),
                    List.of("c1"));
            throw new IllegalStateException("the batch fails");
        }));
        CustomerStateCache.Stats before = cache.stats();
        readAtCurrentVersion(tenant);
        assertStats(before, 0, 1, "a rolled-back write leaves nothing");

        QuarkusTransaction.requiringNew().run(() -> {
            lock.lockForEvents(tenant);
            cache.written(tenant, lock.logWrite(tenant, List.of("c1")), Map.of("c1", row), Map.of("c1", new KnownState(new byte[] {1}, 3)),
                    List.of("c1"));
        });
        before = cache.stats();
        CustomerStateCache.Customers read = readAtCurrentVersion(tenant);
        assertStats(before, 1, 0, "a committed write's entry is used");
        assertEquals(Map.of("c1", row), read.rows());
        assertEquals(1, read.states().get("c1").state()[0]);
        assertEquals(3, read.states().get("c1").behind(), "with how far the stored state is behind it");
        assertEquals(start + 1, QuarkusTransaction.requiringNew().call(() -> lock.version(tenant)), "one write committed");
    }

    private static double counter(String metrics, String result) {
        Matcher m = Pattern.compile("(?m)^kpi_customer_cache_lookups_total\\{result=\"" + result + "\"} ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private CustomerStateCache.Customers readAtCurrentVersion(TenantId tenant) {
        return QuarkusTransaction.requiringNew().call(() -> cache.read(tenant, lock.version(tenant), List.of("c1")));
    }

    private void assertStats(CustomerStateCache.Stats before, long hits, long misses, String message) {
        CustomerStateCache.Stats after = cache.stats();
        assertEquals(hits + " hits, " + misses + " misses", (after.hits() - before.hits()) + " hits, "
                + (after.misses() - before.misses()) + " misses", message);
    }

    /** A tenant with plan A at 100 USD a month and the customers (US, smb, ads). */
    private static Gql tenantWithPlanA(String tenant, String... customerIds) {
        Gql t = Gql.as(tenant);
        t.plans(List.of(plan("A", "100", "USD", 1)));
        List<Map<String, Object>> list = new ArrayList<>();
        for (String id : customerIds) {
            list.add(customer(id, "US", "smb", "ads"));
        }
        t.customers(list);
        return t;
    }

    private static Map<String, Object> started(String id, String customer, String day) {
        return event(id, customer, "s-" + customer, "STARTED", day + "T09:00:00Z", "planCode", "A");
    }

    private static Map<String, Object> quantity(String id, String customer, String day, int quantity) {
        return event(id, customer, "s-" + customer, "QUANTITY_CHANGED", day + "T09:00:00Z", "quantity", quantity);
    }

    private List<String> rows(String query, String tenant) throws SQLException {
        return TenantRows.rows(dataSource, query, tenant);
    }

    private void execute(String sql) throws SQLException {
        TenantRows.execute(dataSource, sql);
    }
}
