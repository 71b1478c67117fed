package org.openkpi.deploy.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openkpi.deploy.demo.DemoFacts.Kind;

class DemoCompanyTest {

    static final LocalDate END = LocalDate.parse("2026-07-01");
    static final DemoFacts DEFAULT = DemoCompany.generate(new DemoSpec(DemoSpec.DEFAULT_SEED, DemoSpec.DEFAULT_CUSTOMERS, END));

    @Test
    void sameInputsGiveIdenticalFactsAndOthersDiffer() {
        String once = DEFAULT.toJson();
        String again = DemoCompany.generate(new DemoSpec(DemoSpec.DEFAULT_SEED, DemoSpec.DEFAULT_CUSTOMERS, END)).toJson();
        assertEquals(once, again);
        assertNotEquals(once, DemoCompany.generate(new DemoSpec(43, DemoSpec.DEFAULT_CUSTOMERS, END)).toJson());
        assertNotEquals(once, DemoCompany.generate(new DemoSpec(DemoSpec.DEFAULT_SEED, 301, END)).toJson());
        assertNotEquals(once, DemoCompany.generate(new DemoSpec(DemoSpec.DEFAULT_SEED, DemoSpec.DEFAULT_CUSTOMERS,
                END.plusDays(1))).toJson());
        assertEquals(DEFAULT.figures(), DemoCompany.generate(new DemoSpec(DemoSpec.DEFAULT_SEED, DemoSpec.DEFAULT_CUSTOMERS,
                END)).figures());
    }

    @Test
    void twentyFourMonthsEndingTheDayBeforeTheEndDate() {
        List<DemoFigures.Month> months = DEFAULT.figures().months();
        assertEquals(24, months.size());
        assertEquals(YearMonth.parse("2024-07"), months.get(0).month());
        assertEquals(YearMonth.parse("2026-06"), months.get(23).month());
        assertEquals(YearMonth.parse("2026-06"), DEFAULT.figures().scoredMonth());
        Set<String> eventMonths = DEFAULT.of(Kind.SUBSCRIPTION_EVENTS).stream()
                .map(e -> ((String) e.get("effectiveAt")).substring(0, 7)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals("2024-07", ((TreeSet<String>) eventMonths).first());
        assertEquals("2026-06", ((TreeSet<String>) eventMonths).last());
        Instant end = END.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Kind kind : List.of(Kind.SUBSCRIPTION_EVENTS, Kind.TRIALS, Kind.TICKETS, Kind.TICKET_EVENTS, Kind.CSAT,
                Kind.ACTIVITY, Kind.NPS)) {
            for (Map<String, Object> fact : DEFAULT.of(kind)) {
                for (String field : List.of("effectiveAt", "startedAt", "createdAt", "at", "respondedAt", "occurredAt")) {
                    if (fact.get(field) instanceof String at) {
                        assertTrue(Instant.parse(at).isBefore(end), kind + " " + fact);
                    }
                }
            }
        }
    }

    @Test
    void everyKindOfFactThreePlansTwoCurrenciesAndTheLifecycle() {
        for (Kind kind : Kind.values()) {
            assertFalse(DEFAULT.of(kind).isEmpty(), kind + " has facts");
        }
        assertEquals(Set.of("starter", "pro", "enterprise"), values(Kind.PLANS, "tier"));
        assertEquals(Set.of("USD", "EUR"), values(Kind.PLANS, "currency"));
        assertEquals(Set.of(1, 12), values(Kind.PLANS, "intervalMonths"));
        Map<String, Object> pro = DEFAULT.of(Kind.PLANS).stream().filter(p -> p.get("code").equals("pro-monthly")).findFirst()
                .orElseThrow();
        assertEquals(0, new BigDecimal("149").compareTo((BigDecimal) pro.get("price")));
        assertEquals(Set.of("STARTED", "PLAN_CHANGED", "CANCELLED", "DISCOUNT_APPLIED", "DISCOUNT_REMOVED"),
                values(Kind.SUBSCRIPTION_EVENTS, "type"));
        assertTrue(values(Kind.DEALS, "status").containsAll(Set.of("WON", "LOST")));
        assertTrue(values(Kind.DEALS, "lostReason").size() >= 3);
        assertEquals(Set.of("organic", "paid-search", "social", "referral", "outbound"), values(Kind.CUSTOMERS, "channel"));
        assertEquals(Set.of("COGS", "OPERATING_EXPENSE"), values(Kind.COSTS, "kind"));
        assertEquals(Set.of("USD", "EUR"), values(Kind.SPEND, "currency"));
        assertEquals(Set.of("CHARGE", "REFUND"), values(Kind.CHARGES, "kind"));
        assertTrue(values(Kind.TICKET_EVENTS, "type").containsAll(Set.of("PUBLIC_AGENT_REPLY", "RESOLVED_BY_AGENT",
                "RESOLVED_BY_AUTOMATION", "REOPENED")));
        assertEquals(DemoSpec.DEFAULT_CUSTOMERS, DEFAULT.of(Kind.CUSTOMERS).size());
        assertEquals(Set.of("Europe/Berlin"), Set.of(DEFAULT.supportSettings().get("timeZone")));
        int upgrades = 0;
        int downgrades = 0;
        Map<Object, Integer> tierOf = new java.util.HashMap<>();
        List<String> tiers = List.of("starter", "pro", "enterprise");
        for (Map<String, Object> e : DEFAULT.of(Kind.SUBSCRIPTION_EVENTS)) {
            if (e.get("planCode") instanceof String plan) {
                int tier = tiers.indexOf(plan.substring(0, plan.indexOf('-')));
                Integer before = tierOf.put(e.get("subscriptionId"), tier);
                if (e.get("type").equals("PLAN_CHANGED")) {
                    upgrades += tier > before ? 1 : 0;
                    downgrades += tier < before ? 1 : 0;
                }
            }
        }
        assertTrue(upgrades > 10 && downgrades > 3, upgrades + " upgrades, " + downgrades + " downgrades");
        long reactivations = DEFAULT.figures().months().stream().mapToInt(DemoFigures.Month::reactivatedCustomers).sum();
        long churns = DEFAULT.figures().months().stream().mapToInt(DemoFigures.Month::churnedCustomers).sum();
        assertTrue(reactivations > 0 && churns > reactivations, churns + " churns, " + reactivations + " reactivations");
    }

    @Test
    void theFiguresHangTogether() {
        List<DemoFigures.Month> months = DEFAULT.figures().months();
        assertEquals(0, months.get(0).mrrStart().signum());
        for (int i = 1; i < months.size(); i++) {
            assertEquals(months.get(i - 1).mrrEnd(), months.get(i).mrrStart(), months.get(i).month().toString());
            assertEquals(months.get(i - 1).payingEnd(), months.get(i).payingStart());
            DemoFigures.Month m = months.get(i);
            assertEquals(m.payingEnd(), m.payingStart() + m.newCustomers() + m.reactivatedCustomers() - m.churnedCustomers(),
                    m.month().toString());
        }
        assertEquals(DemoSpec.DEFAULT_CUSTOMERS, months.stream().mapToInt(DemoFigures.Month::newCustomers).sum());
        DemoFigures.Month last = DEFAULT.figures().last();
        assertTrue(last.mrrEnd().compareTo(months.get(11).mrrEnd()) > 0, "the company grows");
        assertEquals(DEFAULT.of(Kind.TICKETS).size(), months.stream().mapToInt(DemoFigures.Month::ticketsCreated).sum());
        // support counts in its own zone: a response on the last evening (UTC) falls into July in Berlin
        long csatInWindow = DEFAULT.of(Kind.CSAT).stream().filter(c -> Instant.parse((String) c.get("respondedAt"))
                .atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalDate().isBefore(END)).count();
        assertTrue(csatInWindow > DEFAULT.of(Kind.CSAT).size() - 5);
        assertEquals(csatInWindow, months.stream().mapToInt(DemoFigures.Month::csatResponses).sum());
    }

    @Test
    void theMrrTargetIsWithinTenPercentAboveTheScoredMonth() {
        for (DemoFacts demo : List.of(DEFAULT, DemoCompany.generate(new DemoSpec(7, 40, END)))) {
            BigDecimal mrr = demo.figures().month(demo.figures().scoredMonth()).mrrEnd();
            Map<String, Object> target = demo.targets().get(0);
            assertEquals("MRR", target.get("kpi"));
            BigDecimal value = (BigDecimal) target.get("value");
            assertTrue(value.compareTo(mrr) > 0 && value.subtract(mrr).compareTo(value.movePointLeft(1)) <= 0, mrr + " vs " + value);
        }
    }

    @Test
    void theDefaultCompanyIsGeneratedQuickly() {
        long started = System.nanoTime();
        DemoFacts demo = DemoCompany.generate(new DemoSpec(1, DemoSpec.DEFAULT_CUSTOMERS, END));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 5_000, millis + " ms");
        assertTrue(demo.count() > 20_000, demo.count() + " facts");
        for (Kind kind : Kind.values()) {
            for (List<Map<String, Object>> batch : DemoLoader.batches(demo.of(kind), DemoLoader.BATCH)) {
                assertTrue(batch.size() <= 5_000);
            }
        }
        assertEquals(List.of(3, 3, 1), DemoLoader.batches(List.of(1, 2, 3, 4, 5, 6, 7), 3).stream().map(List::size).toList());
    }

    @Test
    void jsonRoundTrip() {
        Object parsed = Json.parse(Json.write(Map.of("a", List.of(new BigDecimal("1E+3"), "x\"\n\u00e9", true))));
        assertEquals(new BigDecimal("1000"), Json.at(parsed, "a", 0));
        assertEquals("x\"\n\u00e9", Json.at(parsed, "a", 1));
        assertEquals(Boolean.TRUE, Json.at(parsed, "a", 2));
        assertEquals(null, Json.at(Json.parse("{\"b\": null, \"c\": [1, {\"d\": -2.5e1}]}"), "b"));
        assertEquals(new BigDecimal("-2.5e1"), Json.at(Json.parse("{\"c\": [1, {\"d\": -2.5e1}]}"), "c", 1, "d"));
    }

    private static Set<Object> values(Kind kind, String field) {
        return DEFAULT.of(kind).stream().map(f -> f.get(field)).filter(v -> v != null).collect(Collectors.toSet());
    }
}
