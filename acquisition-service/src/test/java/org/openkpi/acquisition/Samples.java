package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openkpi.acquisition.Gql.assertAmount;
import static org.openkpi.acquisition.Gql.list;
import static org.openkpi.acquisition.Gql.m;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/**
 * One valid fact of every ingestion mutation (January 2024), a variant of each with other content, and a query reading
 * all of them back ({@link #SNAPSHOT}) with the exact values {@link #assertSeeded} expects after {@link #seed}.
 */
final class Samples {

    private Samples() {
    }

    /** The mutations in an order that satisfies their dependencies (FX before money, stages before deals). */
    static final List<String> KINDS = List.of("fx", "stages", "counts", "visits", "trials", "leads", "deals", "campaigns", "spend", "email");

    /** One valid element of the kind; variant 0 is the seeded content, any other variant changes every value. */
    static Map<String, Object> fact(String kind, int variant) {
        boolean v = variant != 0;
        return switch (kind) {
            case "fx" -> m("currency", "EUR", "date", "2023-01-01", "rate", v ? 2 : 1.1);
            case "stages" -> m("code", "qual", "name", v ? "Other" : "Qualified", "position", 1, "winProbability", v ? 0.9 : 0.25);
            case "counts" -> m("date", "2024-01-02", "channel", "ads", "visitors", v ? 7 : 1000);
            case "visits" -> m("externalId", "v1", "visitorId", "u1", "occurredAt", v ? "2024-03-03T10:00:00Z" : "2024-01-03T10:00:00Z",
                    "channel", "seo");
            case "trials" -> m("externalId", "t1", "startedAt", v ? "2024-03-03T00:00:00Z" : "2024-01-03T00:00:00Z", "channel", "ads",
                    "campaign", "spring", "customerId", "cust-1");
            case "leads" -> m("externalId", "l1", "capturedAt", v ? "2024-03-04T00:00:00Z" : "2024-01-04T00:00:00Z", "channel", "ads",
                    "owner", "ann");
            case "deals" -> m("externalId", "d1", "name", "Big", "owner", "ann", "amount", v ? 999 : 100, "currency", "EUR",
                    "channel", "ads", "createdAt", "2024-01-05T00:00:00Z",
                    "stages", list(m("stage", "qual", "enteredAt", "2024-01-05T00:00:00Z")), "status", "OPEN");
            case "campaigns" -> m("externalId", "c1", "name", v ? "Hijacked" : "Spring", "channel", "ads", "startDate", "2024-01-01",
                    "cost", v ? 1 : 300, "attributedRevenue", v ? 1 : 900, "currency", "USD");
            case "spend" -> m("externalId", "s1", "month", "2024-01", "channel", "ads", "kind", "AD_SPEND", "amount", v ? 1 : 500,
                    "currency", "USD");
            case "email" -> m("externalId", "e1", "date", "2024-01-06", "subscribes", v ? 99 : 10, "unsubscribes", 2);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Records the variant-0 fact of every kind for the caller's tenant. */
    static void seed(Gql t) {
        for (String kind : KINDS) {
            t.record(kind, list(fact(kind, 0)));
        }
    }

    /** Reads back every seeded fact (the deal's amount in USD shows the FX rate). */
    static final String SNAPSHOT = """
            { funnel(range:{from:"2024-01-01",to:"2024-04-01"},granularity:MONTH){visitors trials}
              leadMetrics(range:{from:"2024-01-01",to:"2024-04-01"},granularity:MONTH){leads}
              pipeline(at:"2024-06-01T00:00:00Z"){totalValue{amount currency} stages{stage name openDeals}}
              campaignRoi{externalId name cost{amount} attributedRevenue{amount}}
              acquisitionCost(range:{from:"2024-01-01",to:"2024-02-01"},granularity:MONTH){adSpend{amount}}
              emailListGrowth(range:{from:"2024-01-01",to:"2024-02-01"},granularity:MONTH){subscribes unsubscribes}
              pipelineStages{code name winProbability}
              acquisitionSettings{reportingCurrency timeZone conversionWindowDays} }""";

    static JsonPath snapshot(Gql t) {
        return t.ok(SNAPSHOT);
    }

    /** The seeded facts, exactly (visits count as 1 unique visitor on 2024-01-03). */
    static void assertSeeded(JsonPath s) {
        assertEquals(List.of(1001, 0, 0), s.getList("data.funnel.visitors", Integer.class), s.prettify());
        assertEquals(List.of(1, 0, 0), s.getList("data.funnel.trials", Integer.class));
        assertEquals(List.of(1, 0, 0), s.getList("data.leadMetrics.leads", Integer.class));
        assertAmount("110", s.get("data.pipeline.totalValue.amount"));
        assertEquals("USD", s.get("data.pipeline.totalValue.currency"));
        assertEquals("Qualified", s.get("data.pipeline.stages[0].name"));
        assertEquals(1, s.getInt("data.pipeline.stages[0].openDeals"));
        assertEquals("Spring", s.get("data.campaignRoi[0].name"));
        assertAmount("300", s.get("data.campaignRoi[0].cost.amount"));
        assertAmount("900", s.get("data.campaignRoi[0].attributedRevenue.amount"));
        assertAmount("500", s.get("data.acquisitionCost[0].adSpend.amount"));
        assertEquals(10, s.getInt("data.emailListGrowth[0].subscribes"));
        assertEquals(2, s.getInt("data.emailListGrowth[0].unsubscribes"));
        assertAmount("0.25", s.get("data.pipelineStages[0].winProbability"));
        assertEquals("USD", s.get("data.acquisitionSettings.reportingCurrency"));
        assertEquals("UTC", s.get("data.acquisitionSettings.timeZone"));
        assertEquals(30, s.getInt("data.acquisitionSettings.conversionWindowDays"));
    }

    /** The settings mutation with values differing from the defaults. */
    static final String UPDATE_SETTINGS = "mutation{updateAcquisitionSettings(settings:{timeZone:\"Asia/Tokyo\","
            + "conversionWindowDays:5}){timeZone conversionWindowDays}}";

    static Map<String, String> mutationsByField() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kind : KINDS) {
            out.put(Gql.MUTATIONS.get(kind).split("\\(")[0], kind);
        }
        return out;
    }
}
