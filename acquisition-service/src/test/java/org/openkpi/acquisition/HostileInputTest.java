package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.acquisition.Gql.list;
import static org.openkpi.acquisition.Gql.m;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A corpus of hostile and broken input against every ingestion mutation: each bad batch gets its code and the offending
 * element's index and field, leaks nothing internal, writes nothing (the bad element is the last of its batch), and
 * the service keeps serving.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakeRevenueService.class)
class HostileInputTest {

    static final String SQL = "'); DROP TABLE deal; --";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String MEGABYTE = "x".repeat(1024 * 1024);

    /**
     * A mutation under test: a valid element n, its numeric, string, date (kind: date, instant or month) and enum
     * fields (null when it has none), the field changed to make a conflicting duplicate, and a text field returned
     * verbatim by {@code readBack} (a JsonPath list expression over {@link #STATE}).
     */
    record Kind(String kind, IntFunction<Map<String, Object>> valid, String number, String string, String date, String dateKind,
            String enumField, String conflicting, String text, String readBack) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("fx", n -> m("currency", "GBP", "date", String.format("2024-01-%02d", n), "rate", 1.5),
                    "rate", "currency", "date", "date", null, "rate", null, null),
            new Kind("stages", n -> m("code", "st" + n, "name", "Stage " + n, "position", n, "winProbability", 0.5),
                    "winProbability", "name", null, null, null, "name", "name", "data.pipelineStages.name"),
            new Kind("counts", n -> m("date", "2024-01-10", "channel", "ch" + n, "visitors", 5),
                    "visitors", "channel", "date", "date", null, "visitors", "channel", "data.byChannel.group"),
            new Kind("visits", n -> m("externalId", "vis" + n, "visitorId", "u" + n, "occurredAt", "2024-01-10T10:00:00Z", "channel", "web"),
                    null, "visitorId", "occurredAt", "instant", null, "visitorId", "campaign", "data.byCampaign.group"),
            new Kind("trials", n -> m("externalId", "tr" + n, "startedAt", "2024-01-11T00:00:00Z", "channel", "web"),
                    null, "externalId", "startedAt", "instant", null, "channel", "campaign", "data.byCampaign.group"),
            new Kind("leads", n -> m("externalId", "ld" + n, "capturedAt", "2024-01-12T00:00:00Z", "owner", "own"),
                    null, "owner", "capturedAt", "instant", null, "owner", "owner", "data.leadMetrics.group"),
            new Kind("deals", n -> m("externalId", "dl" + n, "owner", "own", "amount", 100, "currency", "USD", "createdAt", "2024-01-05T00:00:00Z",
                    "stages", list(m("stage", "q", "enteredAt", "2024-01-05T00:00:00Z")), "status", "LOST", "closedAt", "2024-01-20T00:00:00Z",
                    "lostReason", "price"),
                    "amount", "owner", "createdAt", "instant", "status", "amount", "lostReason", "data.lostDealReasons.reason"),
            new Kind("campaigns", n -> m("externalId", "cp" + n, "name", "Camp " + n, "startDate", "2024-01-01", "cost", 10,
                    "attributedRevenue", 20, "currency", "USD"),
                    "cost", "name", "startDate", "date", null, "cost", "name", "data.campaignRoi.name"),
            new Kind("spend", n -> m("externalId", "sp" + n, "month", "2024-01", "channel", "paid", "kind", "AD_SPEND", "amount", 50,
                    "currency", "USD"),
                    "amount", "externalId", "month", "month", "kind", "amount", "channel", "data.acquisitionCost.group"),
            new Kind("email", n -> m("externalId", "em" + n, "date", "2024-01-15", "subscribes", 3, "unsubscribes", 1),
                    "subscribes", "externalId", "date", "date", null, "subscribes", null, null));

    /** Everything the mutations under test could have written (January 2024). */
    static final String STATE = """
            { byChannel: funnel(range:{from:"2024-01-01",to:"2024-02-01"},granularity:MONTH,groupBy:CHANNEL){group visitors trials}
              byCampaign: funnel(range:{from:"2024-01-01",to:"2024-02-01"},granularity:MONTH,groupBy:CAMPAIGN){group visitors trials}
              leadMetrics(range:{from:"2024-01-01",to:"2024-02-01"},granularity:MONTH,groupBy:OWNER){group leads}
              dealMetrics(range:{from:"2024-01-01",to:"2024-02-01"},granularity:MONTH){dealsWon dealsLost}
              lostDealReasons(range:{from:"2024-01-01",to:"2024-02-01"}){reason deals}
              pipelineStages{code name winProbability}
              campaignRoi{externalId name cost{amount}}
              acquisitionCost(range:{from:"2024-01-01",to:"2024-02-01"},granularity:MONTH,groupBy:CHANNEL){group adSpend{amount}}
              emailListGrowth(range:{from:"2024-01-01",to:"2024-02-01"},granularity:MONTH){subscribes unsubscribes} }""";

    final Gql t = Gql.as("hostile");
    int cases;

    static Map<String, Object> with(Map<String, Object> element, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(element);
        copy.put(field, value);
        return copy;
    }

    /** Sends [valid(1), bad] and checks the error, its element and what its message tells. */
    void expect(Kind k, Object batch, String code, Integer index, String field) {
        JsonPath r = t.run(Gql.mutation(k.kind()), Collections.singletonMap("x", batch));
        String where = k.kind() + " " + field + ": " + r.prettify();
        assertEquals(code, r.get("errors[0].extensions.code"), where);
        assertNull(r.get("data"), where);
        if (index != null) {
            assertEquals(index, r.getInt("errors[0].extensions.index"), where);
            assertEquals(field, r.get("errors[0].extensions.field"), where);
        }
        String message = r.getString("errors[0].message");
        for (String leak : List.of("SQL", "org.", "java.", "Exception", "\tat ", "\n\tat")) {
            assertFalse(message.contains(leak), leak + " in " + where);
        }
        assertTrue(message.length() < 1000, where.substring(0, Math.min(where.length(), 400)));
        cases++;
    }

    void expectBadElement(Kind k, String field, Object value, String code) {
        expect(k, list(k.valid().apply(1), with(k.valid().apply(2), field, value)), code, 1, field);
    }

    @Test
    void everyMutationRefusesHostileInputWritingNothingAndKeepsServing() {
        t.record("stages", list(m("code", "q", "name", "Q", "position", 0, "winProbability", 0.1)));
        String before = t.ok(STATE).prettify();

        for (Kind k : KINDS) {
            if (k.number() != null) {
                expectBadElement(k, k.number(), "abc", "VALIDATION");
                expectBadElement(k, k.number(), -1, "VALIDATION");
                expectBadElement(k, k.number(), new java.math.BigDecimal("1E+20"), "VALIDATION");
                expectBadElement(k, k.number(), "NaN", "VALIDATION");
                expectBadElement(k, k.number(), "Infinity", "VALIDATION");
            }
            expectBadElement(k, k.string(), 12345, "VALIDATION");
            expectBadElement(k, k.string(), MEGABYTE, "VALIDATION");
            expectBadElement(k, k.string(), "a\u0000b", "VALIDATION");
            if (k.date() != null) {
                for (String bad : switch (k.dateKind()) {
                    case "instant" -> List.of("1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2024-02-30T00:00:00Z");
                    case "month" -> List.of("1969-12", "2200-01", "2024-13");
                    default -> List.of("1969-12-31", "2200-01-01", "10/01/2024");
                }) {
                    expectBadElement(k, k.date(), bad, "VALIDATION");
                }
            }
            if (k.enumField() != null) {
                expectBadElement(k, k.enumField(), "BRIBES", "VALIDATION");
            }
            expect(k, m("bogus", 1), "VALIDATION", null, null);
            List<Map<String, Object>> tooMany = new ArrayList<>(Collections.nCopies(5001, k.valid().apply(1)));
            expect(k, tooMany, "LIMIT_EXCEEDED", null, null);
            Map<String, Object> first = k.valid().apply(1);
            Object other = first.get(k.conflicting()) instanceof Number ? (Object) 7 : "other";
            // the identity is named externalId for every kind (FX: currency + date, counts: date + channel + campaign)
            expect(k, list(first, with(first, k.conflicting(), other)), "CONFLICT", 1, "externalId");
        }
        JsonPath limit = t.run(Gql.mutation("trials"), Map.of("x", Collections.nCopies(5001, m("externalId", "a", "startedAt", "2024-01-01T00:00:00Z"))));
        assertTrue(limit.getString("errors[0].message").contains("5000"), limit.prettify());

        // nothing of any refused batch was written: not even its valid first element (GBP has no rate either)
        assertEquals(before, t.ok(STATE).prettify());
        expect(KINDS.get(7), list(with(KINDS.get(7).valid().apply(9), "currency", "GBP")), "VALIDATION", 0, "currency");

        // SQL and script fragments are data: stored and returned verbatim
        for (Kind k : KINDS) {
            if (k.text() == null) {
                continue;
            }
            JsonPath r = t.record(k.kind(), list(with(k.valid().apply(11), k.text(), SQL), with(k.valid().apply(12), k.text(), SCRIPT)));
            assertEquals(2, r.getInt("data." + Gql.MUTATIONS.get(k.kind()).split("\\(")[0] + ".accepted"), k.kind());
            List<String> values = t.ok(STATE).getList(k.readBack(), String.class);
            assertTrue(values.contains(SQL) && values.contains(SCRIPT), k.kind() + ": " + values);
        }
        assertEquals(List.of(SQL, SCRIPT).stream().sorted().toList(),
                t.ok("{campaignRoi{name}}").getList("data.campaignRoi.name", String.class).stream().sorted().toList());

        // and a valid batch of every kind is still accepted
        for (Kind k : KINDS) {
            JsonPath r = t.record(k.kind(), list(k.valid().apply(20), k.valid().apply(21)));
            String field = Gql.MUTATIONS.get(k.kind()).split("\\(")[0];
            assertEquals(2, r.getInt("data." + field + ".accepted") + r.getInt("data." + field + ".unchanged"), k.kind());
        }
        assertTrue(cases > 120, "cases: " + cases);
    }
}
