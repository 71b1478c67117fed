package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.plan;
import static org.openkpi.revenue.Gql.range;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The plan-component ledger stores only the days whose components do not merely repeat the customer movement (V3):
 * a one-plan customer's days live once, in the customer ledger. A backdated second subscription on another plan turns
 * those days into stored rows, and a correction that puts it on the same plan turns them back; through all of it the
 * plan rollups and the component ledger read from the table and the view agree, to the cent.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ComponentLedgerStorageTest {

    private static final String TENANT = "component-storage";

    @Inject
    DataSource dataSource;

    @Test
    void storesOnlyTheComponentDaysThatTheCustomerLedgerDoesNotImply() throws SQLException {
        Gql t = Gql.as(TENANT);
        t.plans(List.of(plan("A", "100", "USD", 1), plan("B", "50", "USD", 1)));
        t.customers(List.of(customer("c1", "US", "smb", "ads")));

        // one plan: January NEW 0 -> 100 and March EXPANSION 100 -> 200 are each the day's only component movement
        t.events(List.of(event("e1", "c1", "s1", "STARTED", "2024-01-10T09:00:00Z", "planCode", "A"),
                event("e2", "c1", "s1", "QUANTITY_CHANGED", "2024-03-05T09:00:00Z", "quantity", 2)));
        assertEquals(2, count(TENANT, "mrr_movement"));
        assertEquals(List.of(), stored(), "both days mirror the customer movement");
        assertEquals(List.of("2024-01-10 A NEW 0.0000 100.0000", "2024-03-05 A EXPANSION 100.0000 200.0000"), view());
        assertPlans(t, Map.of("A", "200.00"));

        // backdated: a second subscription, plan B, from the same January day. January has two components (NEW on A
        // and on B under a customer NEW of 150); March's A expansion 100 -> 200 no longer equals the customer's 150 -> 250
        t.events(List.of(event("e3", "c1", "s2", "STARTED", "2024-01-10T10:00:00Z", "planCode", "B")));
        assertEquals(List.of("2024-01-10 A NEW 0.0000 100.0000", "2024-01-10 B NEW 0.0000 50.0000",
                "2024-03-05 A EXPANSION 100.0000 200.0000"), stored());
        assertEquals(stored(), view(), "every day has stored rows, the view adds nothing");
        assertPlans(t, Map.of("A", "200.00", "B", "50.00"));

        // corrected: the second subscription was on plan A after all; one plan again, nothing stored
        t.events(List.of(event("e3", "c1", "s2", "STARTED", "2024-01-10T10:00:00Z", "planCode", "A")));
        assertEquals(List.of(), stored());
        assertEquals(List.of("2024-01-10 A NEW 0.0000 200.0000", "2024-03-05 A EXPANSION 200.0000 300.0000"), view());
        assertPlans(t, Map.of("A", "300.00", "B", "0.00"));
    }

    /**
     * A correction that splits a day's MRR over two plans without changing the customer movement (NEW 0 -> 100 on the
     * main plan A either way) stores the day's components and flags the movement, with nothing published to the change
     * feed; the correction back to one plan undoes both.
     */
    @Test
    void aCustomerMovementThatStaysOnlyChangesItsFlag() throws SQLException {
        String tenant = TENANT + "-flag";
        Gql t = Gql.as(tenant);
        t.plans(List.of(plan("A", "50", "USD", 1), plan("B", "50", "USD", 1)));
        t.customers(List.of(customer("c1", "US", "smb", "ads")));
        t.events(List.of(event("e1", "c1", "s1", "STARTED", "2024-01-10T09:00:00Z", "planCode", "A", "quantity", 2)));
        assertEquals(List.of("2024-01-10 NEW 0.0000 100.0000 A false"), movements(tenant));
        assertEquals(1, count(tenant, "change_feed"));

        t.events(List.of(event("e1", "c1", "s1", "STARTED", "2024-01-10T09:00:00Z", "planCode", "A", "quantity", 1),
                event("e2", "c1", "s2", "STARTED", "2024-01-10T10:00:00Z", "planCode", "B")));
        assertEquals(List.of("2024-01-10 NEW 0.0000 100.0000 A true"), movements(tenant), "same movement, now flagged");
        assertEquals(List.of("2024-01-10 A NEW 0.0000 50.0000", "2024-01-10 B NEW 0.0000 50.0000"), rows(tenant, "mrr_component_movement"));
        assertEquals(rows(tenant, "mrr_component_movement"), rows(tenant, "mrr_component_ledger"));
        assertEquals(1, count(tenant, "change_feed"), "the customer movement did not change: nothing to publish");

        // the second subscription was on plan A after all: one plan again, 50 + 50
        t.events(List.of(event("e2", "c1", "s2", "STARTED", "2024-01-10T10:00:00Z", "planCode", "A")));
        assertEquals(List.of("2024-01-10 NEW 0.0000 100.0000 A false"), movements(tenant));
        assertEquals(List.of(), rows(tenant, "mrr_component_movement"));
        assertEquals(List.of("2024-01-10 A NEW 0.0000 100.0000"), rows(tenant, "mrr_component_ledger"));
        assertEquals(1, count(tenant, "change_feed"));
    }

    private List<String> movements(String tenant) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT day, kind, from_mrr, to_mrr, plan_code, components_stored FROM mrr_movement WHERE tenant_id = ? ORDER BY day")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getDate(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3).toPlainString() + " "
                            + rs.getBigDecimal(4).toPlainString() + " " + rs.getString(5) + " " + rs.getBoolean(6));
                }
            }
        }
        return out;
    }

    /**
     * March's MRR at end per plan, from the plan rollups and from a ledger scan (a filter that keeps everything makes
     * the series read the component ledger): equal, and as expected.
     */
    private static void assertPlans(Gql t, Map<String, String> expected) {
        JsonPath rollup = t.ok(Gql.SERIES, Map.of("r", range("2024-03-01", "2024-04-01"), "g", "MONTH", "by", "PLAN"));
        JsonPath ledger = t.ok(Gql.SERIES, Map.of("r", range("2024-03-01", "2024-04-01"), "g", "MONTH", "by", "PLAN",
                "f", Map.of("countries", List.of("US"))));
        Map<String, String> fromRollup = mrrEndByPlan(rollup);
        Map<String, String> fromLedger = mrrEndByPlan(ledger);
        assertEquals(new TreeMap<>(expected), withZeros(fromRollup, expected), "plan rollups");
        assertEquals(new TreeMap<>(expected), withZeros(fromLedger, expected), "component ledger scan");
    }

    private static Map<String, String> mrrEndByPlan(JsonPath series) {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> p : series.<Map<String, Object>>getList("data.mrrSeries")) {
            Object amount = ((Map<?, ?>) p.get("mrrEnd")).get("amount");
            out.put((String) p.get("group"), new BigDecimal(amount.toString()).setScale(2).toPlainString());
        }
        return out;
    }

    /** The series' groups, a plan the series leaves out counting as 0.00 where the expectation names it. */
    private static Map<String, String> withZeros(Map<String, String> actual, Map<String, String> expected) {
        Map<String, String> out = new TreeMap<>(actual);
        expected.keySet().forEach(plan -> out.putIfAbsent(plan, "0.00"));
        return out;
    }

    private long count(String tenant, String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> stored() throws SQLException {
        return rows(TENANT, "mrr_component_movement");
    }

    private List<String> view() throws SQLException {
        return rows(TENANT, "mrr_component_ledger");
    }

    private List<String> rows(String tenant, String relation) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT day, plan_code, kind, from_mrr, to_mrr FROM " + relation + " WHERE tenant_id = ? ORDER BY day, plan_code")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getDate(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getBigDecimal(4).toPlainString()
                            + " " + rs.getBigDecimal(5).toPlainString());
                }
            }
        }
        return out;
    }
}
