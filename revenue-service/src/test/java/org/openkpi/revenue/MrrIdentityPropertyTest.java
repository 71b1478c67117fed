package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.plan;
import static org.openkpi.revenue.Gql.range;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Property: for a randomised history of thousands of customers, delivered in shuffled order and in two
 * rounds (the second appending to stored histories), every
 * period satisfies MRR end = MRR start + net new MRR, the total equals the sum of the customers' MRR
 * computed independently from the generated events, and every way of slicing (rollups, ledger scan,
 * groups) adds up to the same totals.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class MrrIdentityPropertyTest {

    record P(String code, BigDecimal price, int interval) {
    }

    static final List<P> PLANS = List.of(new P("m50", new BigDecimal("50"), 1), new P("m120", new BigDecimal("120"), 1),
            new P("q300", new BigDecimal("300"), 3), new P("y1200", new BigDecimal("1200"), 12),
            new P("y999", new BigDecimal("999"), 12));
    static final LocalDate START = LocalDate.of(2023, 1, 1);
    static final int DAYS = 730;
    static final String[] COUNTRIES = { "US", "DE", "FR", "GB", null };
    static final String[] SEGMENTS = { "SMB", "MID", "ENT" };

    /** The independently computed state of one subscription. */
    static final class Sub {
        boolean active;
        boolean paused;
        P plan;
        int quantity = 1;
        int discountPercent;

        BigDecimal mrr() {
            if (!active || paused) {
                return BigDecimal.ZERO;
            }
            BigDecimal gross = plan.price().multiply(BigDecimal.valueOf(quantity))
                    .multiply(BigDecimal.valueOf(100 - discountPercent)).movePointLeft(2);
            return gross.divide(BigDecimal.valueOf(plan.interval()), 2, RoundingMode.HALF_UP);
        }
    }

    @Test
    void identityAndTotalsHoldForEveryPeriodOfARandomHistory() {
        Random random = new Random(20241122L);
        Gql t = Gql.as("property");
        List<Map<String, Object>> plans = new ArrayList<>();
        for (P p : PLANS) {
            plans.add(plan(p.code(), p.price().toPlainString(), "USD", p.interval()));
        }
        t.plans(plans);

        int customers = 3000;
        List<Map<String, Object>> customerInputs = new ArrayList<>();
        List<List<Map<String, Object>>> eventsByCustomer = new ArrayList<>();
        // oracle: customer -> subscription -> day -> MRR after that day's events
        List<Map<String, TreeMap<LocalDate, BigDecimal>>> timelines = new ArrayList<>();
        int eventCount = 0;
        for (int c = 0; c < customers; c++) {
            String cid = "cust-" + c;
            customerInputs.add(customer(cid, COUNTRIES[random.nextInt(COUNTRIES.length)], SEGMENTS[random.nextInt(SEGMENTS.length)],
                    random.nextBoolean() ? "ads" : "organic"));
            List<Map<String, Object>> events = new ArrayList<>();
            Map<String, TreeMap<LocalDate, BigDecimal>> timeline = new HashMap<>();
            int subs = 1 + (random.nextInt(4) == 0 ? 1 : 0);
            for (int s = 0; s < subs; s++) {
                String sid = cid + "-s" + s;
                Sub sub = new Sub();
                int day = random.nextInt(DAYS - 60);
                int n = 0;
                sub.active = true;
                sub.plan = PLANS.get(random.nextInt(PLANS.size()));
                events.add(event(sid + "-" + n++, cid, sid, "STARTED", instant(day), "planCode", sub.plan.code()));
                record(timeline, day, sid, sub);
                int more = random.nextInt(6);
                for (int k = 0; k < more; k++) {
                    day += 1 + random.nextInt(90);
                    if (day >= DAYS) {
                        break;
                    }
                    String id = sid + "-" + n++;
                    if (!sub.active) {
                        events.add(event(id, cid, sid, "REACTIVATED", instant(day)));
                        sub.active = true;
                        sub.paused = false;
                    } else {
                        switch (random.nextInt(7)) {
                            case 0 -> {
                                sub.plan = PLANS.get(random.nextInt(PLANS.size()));
                                events.add(event(id, cid, sid, "PLAN_CHANGED", instant(day), "planCode", sub.plan.code()));
                            }
                            case 1 -> {
                                sub.quantity = 1 + random.nextInt(5);
                                events.add(event(id, cid, sid, "QUANTITY_CHANGED", instant(day), "quantity", sub.quantity));
                            }
                            case 2 -> {
                                sub.discountPercent = new int[] { 10, 50, 100 }[random.nextInt(3)];
                                events.add(event(id, cid, sid, "DISCOUNT_APPLIED", instant(day), "discountPercent", sub.discountPercent));
                            }
                            case 3 -> {
                                sub.discountPercent = 0;
                                events.add(event(id, cid, sid, "DISCOUNT_REMOVED", instant(day)));
                            }
                            case 4 -> {
                                sub.paused = !sub.paused;
                                events.add(event(id, cid, sid, sub.paused ? "PAUSED" : "RESUMED", instant(day)));
                            }
                            default -> {
                                sub.active = false;
                                events.add(event(id, cid, sid, "CANCELLED", instant(day)));
                            }
                        }
                    }
                    record(timeline, day, sid, sub);
                }
            }
            eventCount += events.size();
            eventsByCustomer.add(events);
            timelines.add(timeline);
        }
        for (int i = 0; i < customerInputs.size(); i += 5000) {
            t.customers(customerInputs.subList(i, Math.min(customerInputs.size(), i + 5000)));
        }
        // deliver in two rounds: a random chronological prefix of each customer's history first, the
        // rest later (so the second round appends to stored ledgers); customers in random order and each
        // customer's events shuffled within a round
        List<List<List<Map<String, Object>>>> rounds = List.of(new ArrayList<>(), new ArrayList<>());
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            order.add(c);
        }
        Collections.shuffle(order, random);
        for (int c : order) {
            List<Map<String, Object>> events = new ArrayList<>(eventsByCustomer.get(c));
            events.sort(Comparator.comparing(e -> (String) e.get("effectiveAt")));
            int cut = 1 + random.nextInt(events.size());
            List<Map<String, Object>> first = new ArrayList<>(events.subList(0, cut));
            List<Map<String, Object>> rest = new ArrayList<>(events.subList(cut, events.size()));
            Collections.shuffle(first, random);
            Collections.shuffle(rest, random);
            rounds.get(0).add(first);
            rounds.get(1).add(rest);
        }
        for (List<List<Map<String, Object>>> round : rounds) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (List<Map<String, Object>> part : round) { // a customer's part of a round stays in one batch
                if (batch.size() + part.size() > 5000) {
                    t.events(batch);
                    batch = new ArrayList<>();
                }
                batch.addAll(part);
            }
            if (!batch.isEmpty()) {
                t.events(batch);
            }
        }

        LocalDate from = START;
        LocalDate to = START.plusMonths(25);
        JsonPath total = t.ok(Gql.SERIES, Map.of("r", range(from.toString(), to.toString()), "g", "MONTH"));
        List<Map<String, Object>> points = total.getList("data.mrrSeries");
        assertEquals(25, points.size());
        BigDecimal previousEnd = BigDecimal.ZERO;
        for (int i = 0; i < points.size(); i++) {
            Map<String, Object> p = points.get(i);
            BigDecimal start = amount(p, "mrrStart");
            BigDecimal end = amount(p, "mrrEnd");
            assertEquals(0, previousEnd.compareTo(start), "period " + i + " starts where the last ended");
            assertEquals(0, start.add(amount(p, "netNewMrr")).compareTo(end), "identity in period " + i);
            BigDecimal net = amount(p, "newMrr").add(amount(p, "expansionMrr")).add(amount(p, "reactivationMrr"))
                    .subtract(amount(p, "contractionMrr")).subtract(amount(p, "churnMrr"));
            assertEquals(0, net.compareTo(amount(p, "netNewMrr")), "net new = sum of movements in period " + i);
            LocalDate lastDay = from.plusMonths(i + 1).minusDays(1);
            BigDecimal expected = BigDecimal.ZERO;
            int paying = 0;
            for (Map<String, TreeMap<LocalDate, BigDecimal>> timeline : timelines) {
                BigDecimal customerMrr = customerMrrAt(timeline, lastDay);
                expected = expected.add(customerMrr);
                paying += customerMrr.signum() > 0 ? 1 : 0;
            }
            assertEquals(0, expected.compareTo(end), "sum of customers' MRR at end of period " + i + ": " + expected + " vs " + end);
            assertEquals(paying, (Integer) p.get("payingCustomersEnd"), "paying customers at end of period " + i);
            previousEnd = end;
        }

        // every slicing adds up to the total, and the ledger scan agrees with the rollups
        for (String by : List.of("PLAN", "COUNTRY", "SEGMENT", "CHANNEL")) {
            JsonPath grouped = t.ok(Gql.SERIES, Map.of("r", range(from.toString(), to.toString()), "g", "QUARTER", "by", by));
            JsonPath quarters = t.ok(Gql.SERIES, Map.of("r", range(from.toString(), to.toString()), "g", "QUARTER"));
            Map<String, BigDecimal> sums = new HashMap<>();
            for (Map<String, Object> p : grouped.<Map<String, Object>>getList("data.mrrSeries")) {
                sums.merge(((Map<?, ?>) p.get("period")).get("start").toString(), amount(p, "mrrEnd"), BigDecimal::add);
            }
            for (Map<String, Object> q : quarters.<Map<String, Object>>getList("data.mrrSeries")) {
                String key = ((Map<?, ?>) q.get("period")).get("start").toString();
                assertEquals(0, amount(q, "mrrEnd").compareTo(sums.getOrDefault(key, BigDecimal.ZERO)), by + " groups add up in " + key);
            }
        }
        Map<String, Object> allPlans = Map.of("plans", PLANS.stream().map(P::code).toList());
        JsonPath viaLedger = t.ok(Gql.SERIES, Map.of("r", range(from.toString(), to.toString()), "g", "MONTH", "f", allPlans));
        assertEquals(total.getList("data.mrrSeries"), viaLedger.getList("data.mrrSeries"),
                "combining every plan component reproduces the customer ledger exactly");
        JsonPath segmentsRollup = t.ok(Gql.SERIES, Map.of("r", range(from.toString(), to.toString()), "g", "MONTH", "by", "SEGMENT"));
        JsonPath segmentsLedger = t.ok(Gql.SERIES, Map.of("r", range(from.toString(), to.toString()), "g", "MONTH", "by", "SEGMENT",
                "f", Map.of("channels", List.of("ads", "organic"), "countries", List.of("US", "DE", "FR", "GB", "(none)"))));
        assertEquals(segmentsRollup.getList("data.mrrSeries"), segmentsLedger.getList("data.mrrSeries"),
                "a filter that keeps everything, answered from the ledger, equals the rollup");
        // by plan: the rollups follow the full component ledger, the scan reads its stored rows plus the customer
        // movements they leave implied (V3): after two rounds of corrections both must still agree, to the cent
        JsonPath plansRollup = t.ok(Gql.SERIES, Map.of("r", range(from.toString(), to.toString()), "g", "MONTH", "by", "PLAN"));
        JsonPath plansLedger = t.ok(Gql.SERIES, Map.of("r", range(from.toString(), to.toString()), "g", "MONTH", "by", "PLAN",
                "f", Map.of("countries", List.of("US", "DE", "FR", "GB", "(none)"))));
        assertEquals(plansRollup.getList("data.mrrSeries"), plansLedger.getList("data.mrrSeries"),
                "by plan, the component ledger scanned equals the plan rollups");
        System.out.printf("property test: %d customers, %d events%n", customers, eventCount);
    }

    private static String instant(int day) {
        return START.plusDays(day) + "T12:00:00Z";
    }

    /** Records a subscription's MRR from a day on (the customer's timeline holds one step function per subscription). */
    private static void record(Map<String, TreeMap<LocalDate, BigDecimal>> timeline, int day, String sid, Sub sub) {
        timeline.computeIfAbsent(sid, k -> new TreeMap<>()).put(START.plusDays(day), sub.mrr());
    }

    private static BigDecimal customerMrrAt(Map<String, TreeMap<LocalDate, BigDecimal>> timeline, LocalDate day) {
        BigDecimal sum = BigDecimal.ZERO;
        for (TreeMap<LocalDate, BigDecimal> steps : timeline.values()) {
            Map.Entry<LocalDate, BigDecimal> e = steps.floorEntry(day);
            sum = sum.add(e == null ? BigDecimal.ZERO : e.getValue());
        }
        return sum;
    }

    private static BigDecimal amount(Map<String, Object> point, String field) {
        return new BigDecimal(((Map<?, ?>) point.get(field)).get("amount").toString());
    }
}
