package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The retention worked examples of METRICS.md (2, 4) and ChartMogul's churn example, fed through the change feed. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class WorkedExamplesTest {

    static void assertAmount(String expected, Object actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())),
                () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void example2NrrAndGrr() {
        FakeRevenue f = FakeRevenue.of("ex-nrr");
        // at the start of March: 9 customers at 5,000, one at 4,500, one at 500 = 50,000
        for (int i = 1; i <= 9; i++) {
            f.movement("c" + i, "2024-01-1" + i % 10, "NEW", "0", "5000");
        }
        f.movement("c10", "2024-02-01", "NEW", "0", "4500");
        f.movement("c11", "2024-02-29", "NEW", "0", "500");
        f.movement("gone", "2024-01-05", "NEW", "0", "700");
        f.movement("gone", "2024-02-10", "CHURN", "700", "0");
        // March: expansion 4,000 (3,000 + 1,000), contraction 1,000, churn 500
        f.movement("c1", "2024-03-03", "EXPANSION", "5000", "8000");
        f.movement("c2", "2024-03-10", "EXPANSION", "5000", "6000");
        f.movement("c3", "2024-03-12", "CONTRACTION", "5000", "4000");
        f.movement("c11", "2024-03-20", "CHURN", "500", "0");
        // excluded: a new customer who expands and leaves within March, and a reactivation
        f.movement("n1", "2024-03-02", "NEW", "0", "100");
        f.movement("n1", "2024-03-05", "EXPANSION", "100", "300");
        f.movement("n1", "2024-03-25", "CHURN", "300", "0");
        f.movement("gone", "2024-03-15", "REACTIVATION", "0", "900");
        f.movement("gone", "2024-03-16", "EXPANSION", "900", "1000");
        Gql t = Gql.as("ex-nrr");
        t.syncAll();
        JsonPath r = t.series("2024-03-01", "2024-04-01", "MONTH");
        String p = "data.retentionSeries[0].";
        assertAmount("50000", r.get(p + "mrrStart.amount"));
        assertEquals(11, (Integer) r.get(p + "payingCustomersStart"));
        assertAmount("4000", r.get(p + "expansionMrr.amount"));
        assertAmount("1000", r.get(p + "contractionMrr.amount"));
        assertAmount("500", r.get(p + "churnMrr.amount"));
        // METRICS.md prints NRR 1.049, but its own formula gives (50,000 + 4,000 - 1,000 - 500) / 50,000 = 52,500 / 50,000
        // = 1.05 exactly; 1.049 is a typo in the example (see README), the definition is what is implemented.
        assertAmount("1.05", r.get(p + "nrr.value"));
        assertAmount("52500", r.get(p + "nrr.numerator"));
        assertAmount("50000", r.get(p + "nrr.denominator"));
        assertAmount("0.97", r.get(p + "grr.value"));
        assertAmount("0.03", r.get(p + "grossMrrChurnRate.value"));
        assertEquals(1, (Integer) r.get(p + "churnedCustomers"));
        assertEquals("USD", r.get(p + "mrrStart.currency"));
    }

    @Test
    void example4LogoChurnIsFivePercent() {
        FakeRevenue f = FakeRevenue.of("ex-logo");
        for (int i = 0; i < 1000; i++) {
            f.movement("c" + i, "2024-04-" + (10 + i % 20), "NEW", "0", "50");
        }
        for (int i = 0; i < 50; i++) {
            f.movement("c" + (i * 7), "2024-05-" + (10 + i % 20), "CHURN", "50", "0");
        }
        Gql t = Gql.as("ex-logo");
        t.syncAll();
        JsonPath r = t.series("2024-05-01", "2024-06-01", "MONTH");
        assertEquals(1000, (Integer) r.get("data.retentionSeries[0].payingCustomersStart"));
        assertEquals(50, (Integer) r.get("data.retentionSeries[0].churnedCustomers"));
        assertAmount("0.05", r.get("data.retentionSeries[0].logoChurnRate.value"));
        // April: nobody paid at its start
        JsonPath april = t.series("2024-04-01", "2024-05-01", "MONTH");
        assertNull(april.get("data.retentionSeries[0].logoChurnRate.value"));
        assertEquals("no paying customers at start", april.get("data.retentionSeries[0].logoChurnRate.reason"));
    }

    @Test
    void chartMogulChurnExampleIsTenPercent() {
        // 100 customers at the start of June, 11 cancellations in June, one of them by a customer who joined in June
        FakeRevenue f = FakeRevenue.of("ex-chartmogul");
        for (int i = 0; i < 100; i++) {
            f.movement("c" + i, "2024-05-0" + (1 + i % 9), "NEW", "0", "30");
        }
        f.movement("late", "2024-06-03", "NEW", "0", "30");
        for (int i = 0; i < 10; i++) {
            f.movement("c" + i, "2024-06-1" + i, "CHURN", "30", "0");
        }
        f.movement("late", "2024-06-20", "CHURN", "30", "0");
        Gql t = Gql.as("ex-chartmogul");
        t.syncAll();
        JsonPath r = t.series("2024-06-01", "2024-07-01", "MONTH");
        String p = "data.retentionSeries[0].";
        assertEquals(100, (Integer) r.get(p + "payingCustomersStart"));
        assertEquals(10, (Integer) r.get(p + "churnedCustomers"));
        assertAmount("0.1", r.get(p + "logoChurnRate.value"));
        assertAmount("10", r.get(p + "logoChurnRate.numerator"));
        assertAmount("100", r.get(p + "logoChurnRate.denominator"));
        assertAmount("0.1", r.get(p + "grossMrrChurnRate.value"));
        assertAmount("0.9", r.get(p + "nrr.value"));
    }
}
