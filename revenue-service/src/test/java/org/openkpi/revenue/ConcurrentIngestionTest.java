package org.openkpi.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.plan;
import static org.openkpi.revenue.Gql.range;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Event batches of one tenant sent concurrently: each reads its customers' stored state before the tenant lock and
 * must read again, under the lock, every customer that a write committed meanwhile touched. The same history is
 * ingested twice: by one sender in chronological order into one tenant, and into another by four concurrent senders,
 * each subscription's events with one of them at random (so most customers' events come from several senders, and
 * arrive out of order as backdated corrections), while a fifth changes customers' countries. Both tenants must end
 * with the same ledger, series and groups, row for row.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ConcurrentIngestionTest {

    static final List<String> PLANS = List.of("basic", "pro", "team");
    static final LocalDate START = LocalDate.of(2024, 1, 1);
    static final int CUSTOMERS = 300;
    static final String MOVEMENTS = """
            query($after:String){ mrrMovements(range:{from:"2024-01-01",to:"2026-01-01"}, first:1000, after:$after){
              edges{ node{ customerId day kind fromMrr{amount} toMrr{amount} planCode country segment channel } }
              pageInfo{ endCursor hasNextPage } } }""";

    @Test
    void concurrentSendersEndWithTheLedgerOfOneSender() throws Exception {
        Random random = new Random(20261123L);
        Gql sequential = Gql.as("concurrency-one-sender");
        Gql concurrent = Gql.as("concurrency-five-senders");
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            customers.add(customer("c" + c, c % 2 == 0 ? "US" : "DE", "SMB", "ads"));
        }
        List<Map<String, Object>> moved = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c += 10) {
            moved.add(customer("c" + c, "FR", "SMB", "ads"));
        }
        List<Map<String, Object>> events = history(random);
        for (Gql t : List.of(sequential, concurrent)) {
            t.plans(List.of(plan("basic", "30", "USD", 1), plan("pro", "120", "USD", 1), plan("team", "1200", "USD", 12)));
            t.customers(customers);
        }

        for (int i = 0; i < events.size(); i += 200) {
            sequential.events(events.subList(i, Math.min(events.size(), i + 200)));
        }
        sequential.customers(moved);

        List<List<Map<String, Object>>> streams = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Map<Object, Integer> senderOf = new java.util.HashMap<>();
        for (Map<String, Object> e : events) { // a subscription's events with one sender, a customer's with several
            streams.get(senderOf.computeIfAbsent(e.get("subscriptionId"), k -> random.nextInt(streams.size()))).add(e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (List<Map<String, Object>> stream : streams) {
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < stream.size(); i += 50) {
                        concurrent.events(stream.subList(i, Math.min(stream.size(), i + 50)));
                    }
                    return null;
                }));
            }
            senders.add(pool.submit(() -> {
                Thread.sleep(300);
                concurrent.customers(moved);
                return null;
            }));
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<Map<String, Object>> expectedLog = movementLog(sequential);
        assertTrue(expectedLog.size() > events.size() / 2, "the history moves MRR: " + expectedLog.size() + " movements");
        assertEquals(expectedLog, movementLog(concurrent), "the movement log, row for row");
        Map<String, Object> range = range(START.toString(), START.plusMonths(24).toString());
        for (Map<String, Object> variables : List.of(Map.<String, Object>of("r", range, "g", "MONTH"),
                Map.<String, Object>of("r", range, "g", "MONTH", "by", "PLAN"),
                Map.<String, Object>of("r", range, "g", "QUARTER", "by", "COUNTRY"))) {
            List<Object> expected = sequential.ok(Gql.SERIES, variables).getList("data.mrrSeries");
            assertEquals(expected, concurrent.ok(Gql.SERIES, variables).getList("data.mrrSeries"), "mrrSeries " + variables);
        }
    }

    /** Valid subscription histories over two years, in chronological order. */
    private static List<Map<String, Object>> history(Random random) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String cid = "c" + c;
            for (int s = 0; s < 1 + random.nextInt(3); s++) {
                String sid = cid + "-s" + s;
                int day = random.nextInt(400);
                int n = 0;
                boolean active = true;
                events.add(event(sid + "-" + n++, cid, sid, "STARTED", at(day), "planCode", PLANS.get(random.nextInt(PLANS.size()))));
                for (int k = random.nextInt(8); k > 0; k--) {
                    day += 1 + random.nextInt(60);
                    if (day >= 720) {
                        break;
                    }
                    String id = sid + "-" + n++;
                    if (!active) {
                        events.add(event(id, cid, sid, "REACTIVATED", at(day)));
                        active = true;
                        continue;
                    }
                    switch (random.nextInt(4)) {
                        case 0 -> events.add(event(id, cid, sid, "PLAN_CHANGED", at(day), "planCode",
                                PLANS.get(random.nextInt(PLANS.size()))));
                        case 1 -> events.add(event(id, cid, sid, "QUANTITY_CHANGED", at(day), "quantity", 1 + random.nextInt(9)));
                        case 2 -> events.add(event(id, cid, sid, "DISCOUNT_APPLIED", at(day), "discountPercent", 20));
                        default -> {
                            events.add(event(id, cid, sid, "CANCELLED", at(day)));
                            active = false;
                        }
                    }
                }
            }
        }
        events.sort(Comparator.comparing((Map<String, Object> e) -> (String) e.get("effectiveAt"))
                .thenComparing(e -> (String) e.get("externalId")));
        return events;
    }

    private static String at(int day) {
        return START.plusDays(day) + "T10:00:00Z";
    }

    private static List<Map<String, Object>> movementLog(Gql t) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("after", after);
            JsonPath page = t.ok(MOVEMENTS, variables);
            all.addAll(page.<Map<String, Object>>getList("data.mrrMovements.edges.node"));
            if (!page.getBoolean("data.mrrMovements.pageInfo.hasNextPage")) {
                return all;
            }
            after = page.getString("data.mrrMovements.pageInfo.endCursor");
        }
    }
}
