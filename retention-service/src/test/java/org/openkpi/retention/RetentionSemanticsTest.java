package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.retention.WorkedExamplesTest.assertAmount;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Who counts as "paying at the start" for every granularity, grouping and filtering, trailing twelve months and the
 * trailing churn rate (with average lifetime), on one small history:
 * a (US, pro) 100 from Jan 10, churns Mar 10; b (FR, basic) 200 from Jan 15, expands to 300 on Feb 6;
 * c (US, pro) joins Feb 5 at 100, expands to 150 on Feb 7 and churns Feb 20.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionSemanticsTest {

    Gql t;

    @BeforeEach
    void history() {
        if (t != null) {
            return;
        }
        FakeRevenue f = FakeRevenue.of("sem");
        f.movement("a", "2024-01-10", "NEW", "0", "100", "pro", "US", "SMB", "ads");
        f.movement("b", "2024-01-15", "NEW", "0", "200", "basic", "FR", "MID", "organic");
        f.movement("c", "2024-02-05", "NEW", "0", "100", "pro", "US", "SMB", "ads");
        f.movement("b", "2024-02-06", "EXPANSION", "200", "300", "basic", "FR", "MID", "organic");
        f.movement("c", "2024-02-07", "EXPANSION", "100", "150", "pro", "US", "SMB", "ads");
        f.movement("c", "2024-02-20", "CHURN", "150", "0", "pro", "US", "SMB", "ads");
        f.movement("a", "2024-03-10", "CHURN", "100", "0", "pro", "US", "SMB", "ads");
        t = Gql.as("sem");
        t.syncAll();
    }

    @Test
    void monthsExcludeCustomersWhoJoinedWithinThem() {
        JsonPath r = t.series("2024-02-01", "2024-04-01", "MONTH");
        String feb = "data.retentionSeries[0].";
        assertEquals(2, (Integer) r.get(feb + "payingCustomersStart"));
        assertAmount("300", r.get(feb + "mrrStart.amount"));
        assertAmount("100", r.get(feb + "expansionMrr.amount"));
        assertAmount("0", r.get(feb + "churnMrr.amount"));
        assertEquals(0, (Integer) r.get(feb + "churnedCustomers"));
        assertAmount("0", r.get(feb + "logoChurnRate.value"));
        assertAmount("1.3333333333", r.get(feb + "nrr.value"));
        assertAmount("1", r.get(feb + "grr.value"));
        String mar = "data.retentionSeries[1].";
        assertEquals(2, (Integer) r.get(mar + "payingCustomersStart"));
        assertAmount("400", r.get(mar + "mrrStart.amount"));
        assertAmount("0.5", r.get(mar + "logoChurnRate.value"));
        assertAmount("0.25", r.get(mar + "grossMrrChurnRate.value"));
        assertAmount("0.75", r.get(mar + "nrr.value"));
        assertAmount("0.75", r.get(mar + "grr.value"));
    }

    @Test
    void weeksAndDaysDrawTheLineAtTheirOwnStart() {
        JsonPath w = t.series("2024-02-05", "2024-02-19", "WEEK");
        assertEquals(2, w.getList("data.retentionSeries").size());
        assertAmount("300", w.get("data.retentionSeries[0].mrrStart.amount"));
        assertAmount("100", w.get("data.retentionSeries[0].expansionMrr.amount"));
        assertAmount("1.3333333333", w.get("data.retentionSeries[0].nrr.value"));
        assertEquals(3, (Integer) w.get("data.retentionSeries[1].payingCustomersStart"));
        assertAmount("550", w.get("data.retentionSeries[1].mrrStart.amount"));
        assertAmount("1", w.get("data.retentionSeries[1].nrr.value"));

        JsonPath d = t.series("2024-02-05", "2024-02-08", "DAY");
        assertAmount("1", d.get("data.retentionSeries[0].nrr.value"));
        assertEquals(3, (Integer) d.get("data.retentionSeries[1].payingCustomersStart"));
        assertAmount("1.25", d.get("data.retentionSeries[1].nrr.value"));
        // on Feb 7 c was paying at the start of the day, so its expansion counts
        assertAmount("50", d.get("data.retentionSeries[2].expansionMrr.amount"));
        assertAmount("1.1", d.get("data.retentionSeries[2].nrr.value"));
    }

    @Test
    void groupedAndFilteredByOneDimension() {
        JsonPath g = t.ok(Gql.SERIES, Map.of("r", Gql.range("2024-03-01", "2024-04-01"), "g", "MONTH", "by", "COUNTRY"));
        List<Map<String, Object>> points = g.getList("data.retentionSeries");
        assertEquals(2, points.size());
        assertEquals("FR", g.get("data.retentionSeries[0].group"));
        assertAmount("1", g.get("data.retentionSeries[0].nrr.value"));
        assertEquals("US", g.get("data.retentionSeries[1].group"));
        assertAmount("0", g.get("data.retentionSeries[1].nrr.value"));
        assertAmount("1", g.get("data.retentionSeries[1].logoChurnRate.value"));

        JsonPath f = t.ok(Gql.SERIES, Map.of("r", Gql.range("2024-03-01", "2024-04-01"), "g", "MONTH",
                "f", Map.of("plans", List.of("pro"))));
        assertNull(f.get("data.retentionSeries[0].group"));
        assertEquals(1, (Integer) f.get("data.retentionSeries[0].payingCustomersStart"));
        assertAmount("100", f.get("data.retentionSeries[0].mrrStart.amount"));
        assertEquals(1, (Integer) f.get("data.retentionSeries[0].churnedCustomers"));

        JsonPath both = t.run(Gql.SERIES, Map.of("r", Gql.range("2024-03-01", "2024-04-01"), "g", "MONTH",
                "f", Map.of("countries", List.of("US")), "by", "PLAN"));
        assertEquals("VALIDATION", both.get("errors[0].extensions.code"));
        assertEquals("filter", both.get("errors[0].extensions.field"));
    }

    @Test
    void trailingTwelveMonths() {
        String q = "query($a:Date){ trailingTwelveMonthRetention(asOf:$a){ period{start end} payingCustomersStart"
                + " logoChurnRate{value} nrr{value reason} grr{value} } }";
        JsonPath r = t.ok(q, Map.of("a", "2025-02-01"));
        String p = "data.trailingTwelveMonthRetention[0].";
        assertEquals("2024-02-01", r.get(p + "period.start"));
        assertEquals("2025-02-01", r.get(p + "period.end"));
        assertEquals(2, (Integer) r.get(p + "payingCustomersStart"));
        assertAmount("0.5", r.get(p + "logoChurnRate.value"));
        assertAmount("1", r.get(p + "nrr.value"));
        assertAmount("0.6666666667", r.get(p + "grr.value"));
        JsonPath empty = t.ok(q, Map.of("a", "2024-01-01"));
        assertNull(empty.get(p + "nrr.value"));
        assertEquals("no MRR at start", empty.get(p + "nrr.reason"));
    }

    @Test
    void trailingChurnAndAverageLifetime() {
        String q = "query($a:Date,$m:Int!){ trailingChurn(asOf:$a, months:$m){ window{start end} months monthlyLogoChurn{value}"
                + " meanMonthlyLogoChurn averageCustomerLifetimeMonths reason } }";
        JsonPath r = t.ok(q, Map.of("a", "2024-04-15", "m", 2));
        assertEquals("2024-02-01", r.get("data.trailingChurn.window.start"));
        assertEquals("2024-04-01", r.get("data.trailingChurn.window.end"));
        assertAmount("0.25", r.get("data.trailingChurn.meanMonthlyLogoChurn"));
        assertAmount("4", r.get("data.trailingChurn.averageCustomerLifetimeMonths"));
        assertNull(r.get("data.trailingChurn.reason"));

        JsonPath none = t.ok(q, Map.of("a", "2024-03-01", "m", 3));
        assertEquals(3, none.getList("data.trailingChurn.monthlyLogoChurn").size());
        assertNull(none.get("data.trailingChurn.meanMonthlyLogoChurn"));
        assertNull(none.get("data.trailingChurn.averageCustomerLifetimeMonths"));
        assertEquals("no churn observed", none.get("data.trailingChurn.reason"));

        JsonPath defaults = t.ok("{ trailingChurn(asOf:\"2024-07-01\"){ months window{start} meanMonthlyLogoChurn } }");
        assertEquals(6, (Integer) defaults.get("data.trailingChurn.months"));
        assertEquals("2024-01-01", defaults.get("data.trailingChurn.window.start"));
        // Jan undefined (nobody paying on Jan 1), Feb 0, Mar 0.5, Apr-Jun 0 (b alone) -> 0.5 / 5
        assertAmount("0.1", defaults.get("data.trailingChurn.meanMonthlyLogoChurn"));
    }
}
