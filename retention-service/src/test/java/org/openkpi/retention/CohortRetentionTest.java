package org.openkpi.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.retention.WorkedExamplesTest.assertAmount;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A cohort table from a hand-checked history of 21 customers in three cohorts (January to March 2024),
 * measured at the end of each month through June; every cell is asserted.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@WithTestResource(FakeRevenueResource.class)
class CohortRetentionTest {

    static final String TABLE = """
            query($r:DateRangeInput!,$asOf:Date,$f:RetentionFilterInput){ cohortRetention(cohorts:$r, asOf:$asOf, filter:$f){
              asOf maxOffset rows { cohort{start end} customers initialMrr{amount currency}
                cells { offset month{start end} payingCustomers mrr{amount} logoRetention{value reason} revenueRetention{value reason} } } } }""";

    static void history(FakeRevenue f) {
        // an earlier customer, outside the cohorts asked for
        f.movement("old", "2023-12-10", "NEW", "0", "999");
        // January cohort (8)
        f.movement("j1", "2024-01-05", "NEW", "0", "100");
        f.movement("j2", "2024-01-10", "NEW", "0", "100");
        f.movement("j2", "2024-02-15", "CHURN", "100", "0");
        f.movement("j3", "2024-01-20", "NEW", "0", "100");
        f.movement("j3", "2024-03-01", "EXPANSION", "100", "200");
        f.movement("j4", "2024-01-03", "NEW", "0", "50");
        f.movement("j4", "2024-01-25", "CHURN", "50", "0");
        f.movement("j5", "2024-01-08", "NEW", "0", "100");
        f.movement("j5", "2024-04-10", "CONTRACTION", "100", "60");
        f.movement("j6", "2024-01-12", "NEW", "0", "100");
        f.movement("j6", "2024-03-05", "CHURN", "100", "0");
        f.movement("j6", "2024-05-03", "REACTIVATION", "0", "100");
        f.movement("j7", "2024-01-15", "NEW", "0", "200");
        f.movement("j7", "2024-06-30", "CHURN", "200", "0");
        f.movement("j8", "2024-01-31", "NEW", "0", "100");
        // February cohort (7), all in FR
        String[] fr = { "pro", "FR", "SMB", "ads" };
        f.movement("f1", "2024-02-01", "NEW", "0", "100", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f2", "2024-02-14", "NEW", "0", "100", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f2", "2024-04-01", "CHURN", "100", "0", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f3", "2024-02-20", "NEW", "0", "50", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f3", "2024-02-25", "EXPANSION", "50", "150", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f4", "2024-02-28", "NEW", "0", "100", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f4", "2024-05-20", "CHURN", "100", "0", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f5", "2024-02-02", "NEW", "0", "100", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f5", "2024-06-15", "EXPANSION", "100", "300", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f6", "2024-02-09", "NEW", "0", "100", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f6", "2024-03-01", "CHURN", "100", "0", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f6", "2024-03-20", "REACTIVATION", "0", "80", fr[0], fr[1], fr[2], fr[3]);
        f.movement("f7", "2024-02-29", "NEW", "0", "100", fr[0], fr[1], fr[2], fr[3]);
        // March cohort (6)
        f.movement("m1", "2024-03-01", "NEW", "0", "100");
        f.movement("m2", "2024-03-05", "NEW", "0", "100");
        f.movement("m2", "2024-07-02", "CHURN", "100", "0");
        f.movement("m3", "2024-03-10", "NEW", "0", "100");
        f.movement("m3", "2024-04-30", "CHURN", "100", "0");
        f.movement("m4", "2024-03-15", "NEW", "0", "200");
        f.movement("m4", "2024-05-01", "CONTRACTION", "200", "100");
        f.movement("m5", "2024-03-31", "NEW", "0", "100");
        f.movement("m6", "2024-03-20", "NEW", "0", "100");
        f.movement("m6", "2024-03-28", "CHURN", "100", "0");
    }

    /** Expected cells per cohort: {paying, mrr, logo retention, revenue retention}. */
    static final Object[][][] EXPECTED = {
            { { 7, "800", "0.875", "1" }, { 6, "700", "0.75", "0.875" }, { 5, "700", "0.625", "0.875" },
                    { 5, "660", "0.625", "0.825" }, { 6, "760", "0.75", "0.95" }, { 5, "560", "0.625", "0.7" } },
            { { 7, "750", "1", "1" }, { 7, "730", "1", "0.9733333333" }, { 6, "630", "0.8571428571", "0.84" },
                    { 5, "530", "0.7142857143", "0.7066666667" }, { 5, "730", "0.7142857143", "0.9733333333" } },
            { { 5, "600", "0.8333333333", "1" }, { 4, "500", "0.6666666667", "0.8333333333" },
                    { 4, "400", "0.6666666667", "0.6666666667" }, { 4, "400", "0.6666666667", "0.6666666667" } } };

    @Test
    void everyCellOfTheHandCheckedTable() {
        history(FakeRevenue.of("cohorts"));
        Gql t = Gql.as("cohorts");
        t.syncAll();
        JsonPath r = t.ok(TABLE, Map.of("r", Gql.range("2024-01-01", "2024-04-01"), "asOf", "2024-07-01"));
        assertEquals("2024-07-01", r.get("data.cohortRetention.asOf"));
        assertEquals(5, (Integer) r.get("data.cohortRetention.maxOffset"));
        List<Map<String, Object>> rows = r.getList("data.cohortRetention.rows");
        assertEquals(3, rows.size());
        int[] sizes = { 8, 7, 6 };
        String[] initial = { "800", "750", "600" };
        String[] months = { "2024-01-01", "2024-02-01", "2024-03-01" };
        for (int c = 0; c < 3; c++) {
            String row = "data.cohortRetention.rows[" + c + "].";
            assertEquals(months[c], r.get(row + "cohort.start"));
            assertEquals(sizes[c], (Integer) r.get(row + "customers"));
            assertAmount(initial[c], r.get(row + "initialMrr.amount"));
            assertEquals(EXPECTED[c].length, r.getList(row + "cells").size(), "cells of cohort " + c);
            for (int k = 0; k < EXPECTED[c].length; k++) {
                String cell = row + "cells[" + k + "].";
                Object[] e = EXPECTED[c][k];
                assertEquals(k, (Integer) r.get(cell + "offset"));
                assertEquals(java.time.LocalDate.parse(months[c]).plusMonths(k).toString(), r.get(cell + "month.start"));
                assertEquals(e[0], r.get(cell + "payingCustomers"), "paying, cohort " + c + " offset " + k);
                assertAmount((String) e[1], r.get(cell + "mrr.amount"));
                assertAmount((String) e[2], r.get(cell + "logoRetention.value"));
                assertAmount((String) e[3], r.get(cell + "revenueRetention.value"));
            }
        }

        // filtered to the French customers: only the February cohort has anyone
        JsonPath fr = t.ok(TABLE, Map.of("r", Gql.range("2024-01-01", "2024-04-01"), "asOf", "2024-07-01",
                "f", Map.of("countries", List.of("FR"))));
        assertEquals(0, (Integer) fr.get("data.cohortRetention.rows[0].customers"));
        assertNull(fr.get("data.cohortRetention.rows[0].cells[0].logoRetention.value"));
        assertEquals("empty cohort", fr.get("data.cohortRetention.rows[0].cells[0].logoRetention.reason"));
        assertEquals(7, (Integer) fr.get("data.cohortRetention.rows[1].customers"));
        assertAmount("0.9733333333", fr.get("data.cohortRetention.rows[1].cells[4].revenueRetention.value"));
        assertEquals(0, (Integer) fr.get("data.cohortRetention.rows[2].customers"));

        // an earlier asOf shows fewer complete months
        JsonPath april = t.ok(TABLE, Map.of("r", Gql.range("2024-01-01", "2024-04-01"), "asOf", "2024-04-15"));
        assertEquals(3, april.getList("data.cohortRetention.rows[0].cells").size());
        assertEquals(1, april.getList("data.cohortRetention.rows[2].cells").size());
    }
}
