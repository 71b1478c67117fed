package org.openkpi.revenue.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Property: for random histories (several subscriptions, trials, pauses, discounts, cancellations taking effect later,
 * reactivations) cut at random days, continuing from the state of the earlier part (stored as bytes and read back)
 * derives, for the later days, exactly the ledger rows and the next state that a replay of the whole history derives.
 * The ingestion path relies on this; it also relies on a replay never changing rows before the first new day, and on a
 * state without a scheduled transition meaning no stored rows after its last day, which are checked too.
 */
class ReplayStatePropertyTest {

    private static final Map<String, PlanTerms> PLANS = Map.of(
            "m29", new PlanTerms("m29", new BigDecimal("29"), "USD", 1),
            "m99", new PlanTerms("m99", new BigDecimal("99"), "USD", 1),
            "q270", new PlanTerms("q270", new BigDecimal("270"), "USD", 3),
            "y1000", new PlanTerms("y1000", new BigDecimal("1000"), "USD", 12),
            "eur", new PlanTerms("eur", new BigDecimal("49.90"), "EUR", 1));
    private static final List<String> PLAN_CODES = List.of("m29", "m99", "q270", "y1000", "eur");
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    private static MovementEngine engine(ChurnRecognition recognition) {
        FxRates fx = new FxRates("USD");
        fx.put("EUR", LocalDate.of(2023, 1, 1), new BigDecimal("1.1"));
        fx.put("EUR", LocalDate.of(2024, 6, 1), new BigDecimal("1.07"));
        return new MovementEngine(new EngineSettings("USD", ZONE, recognition, 30), fx, PLANS, Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void resumingFromAStateDerivesWhatAFullReplayDerives() {
        Random random = new Random(7);
        int resumed = 0;
        int withScheduled = 0;
        for (int n = 0; n < 2000; n++) {
            MovementEngine engine = engine(n % 3 == 0 ? ChurnRecognition.WHEN_REQUESTED : ChurnRecognition.AT_PERIOD_END);
            List<SubscriptionEvent> history = history(random, "c" + n);
            TreeSet<LocalDate> cuts = new TreeSet<>();
            for (int k = random.nextInt(6); k > 0; k--) {
                cuts.add(START.plusDays(random.nextInt(400)));
            }
            cuts.add(LocalDate.MAX);
            List<SubscriptionEvent> before = new ArrayList<>();
            ReplayState state = null;
            CustomerLedger previous = null;
            LocalDate from = LocalDate.MIN;
            for (LocalDate cut : cuts) {
                List<SubscriptionEvent> chunk = new ArrayList<>();
                for (SubscriptionEvent e : history) {
                    LocalDate day = LocalDate.ofInstant(e.effectiveAt(), ZONE);
                    if (day.isAfter(from) && !day.isAfter(cut)) {
                        chunk.add(e);
                    }
                }
                from = cut;
                if (chunk.isEmpty()) {
                    continue;
                }
                List<SubscriptionEvent> all = new ArrayList<>(before);
                all.addAll(chunk);
                CustomerLedger full = engine.evaluate("c" + n, all);
                assertNotNull(full.state(), "a history without a past-due notice has a state");
                if (state != null) {
                    assertTrue(state.accepts(chunk, ZONE));
                    CustomerLedger next = engine.resume("c" + n, state, chunk);
                    LocalDate last = state.lastDay();
                    assertEquals(after(full.movements(), last), next.movements(), "customer movements after " + last);
                    assertEquals(afterComponents(full.components(), last), next.components(), "component movements after " + last);
                    assertEquals(full.state(), next.state(), "the next state");
                    // what the ingestion path takes for granted
                    assertEquals(upTo(previous.movements(), last), upTo(full.movements(), last), "rows up to the state's day");
                    if (state.hasScheduledTransition()) {
                        withScheduled++;
                    } else {
                        assertEquals(List.of(), after(previous.movements(), last), "no stored rows after the state's day");
                        assertEquals(List.of(), afterComponents(previous.components(), last));
                    }
                    resumed++;
                }
                state = ReplayStateCodec.decode(ReplayStateCodec.encode(full.state()));
                assertEquals(full.state(), state, "the state survives its bytes");
                previous = full;
                before = all;
            }
        }
        assertTrue(resumed > 1500, "resumed " + resumed + " times");
        assertTrue(withScheduled > 50, "resumed from a scheduled transition " + withScheduled + " times");
    }

    @Test
    void aPastDueNoticeLeavesNoStateAndIsNotAccepted() {
        MovementEngine engine = engine(ChurnRecognition.AT_PERIOD_END);
        SubscriptionEvent start = event("1", "s", EventType.STARTED, Instant.parse("2024-01-01T15:00:00Z"), "m99", null, null);
        SubscriptionEvent pastDue = event("2", "s", EventType.PAYMENT_PAST_DUE, Instant.parse("2024-03-01T15:00:00Z"), null, null, null);
        assertNull(engine.evaluate("c", List.of(start, pastDue)).state());
        ReplayState state = engine.evaluate("c", List.of(start)).state();
        assertTrue(!state.accepts(List.of(pastDue), ZONE), "a past-due notice needs the whole history");
        // an event on the state's own day (in the tenant's zone) is not after it
        SubscriptionEvent sameDay = event("3", "s", EventType.QUANTITY_CHANGED, Instant.parse("2024-01-02T04:59:59Z"), null, 2, null);
        assertTrue(!state.accepts(List.of(sameDay), ZONE));
        SubscriptionEvent nextDay = event("4", "s", EventType.QUANTITY_CHANGED, Instant.parse("2024-01-02T05:00:00Z"), null, 2, null);
        assertTrue(state.accepts(List.of(nextDay), ZONE));
    }

    @Test
    void bytesOfAnotherFormatOrDamagedAreIgnored() {
        ReplayState state = engine(ChurnRecognition.AT_PERIOD_END).evaluate("c", List.of(
                event("1", "s", EventType.STARTED, Instant.parse("2024-01-01T15:00:00Z"), "m99", null, null))).state();
        byte[] bytes = ReplayStateCodec.encode(state);
        assertEquals(state, ReplayStateCodec.decode(bytes.clone()));
        byte[] otherFormat = bytes.clone();
        otherFormat[0] = (byte) (ReplayStateCodec.FORMAT + 1);
        assertNull(ReplayStateCodec.decode(otherFormat));
        // damaged bytes are ignored too: cut anywhere, or with a byte too many
        for (int length = 0; length < bytes.length; length++) {
            assertNull(ReplayStateCodec.decode(java.util.Arrays.copyOf(bytes, length)), "cut at " + length);
        }
        assertNull(ReplayStateCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length + 1)));
    }

    private static List<LedgerMovement> after(List<LedgerMovement> rows, LocalDate day) {
        return rows.stream().filter(m -> m.day().isAfter(day)).toList();
    }

    private static List<LedgerMovement> upTo(List<LedgerMovement> rows, LocalDate day) {
        return rows.stream().filter(m -> !m.day().isAfter(day)).toList();
    }

    private static List<ComponentMovement> afterComponents(List<ComponentMovement> rows, LocalDate day) {
        return rows.stream().filter(m -> m.day().isAfter(day)).toList();
    }

    /** One to three subscriptions, each following a valid life cycle, over about 14 months. */
    private static List<SubscriptionEvent> history(Random random, String customer) {
        List<SubscriptionEvent> out = new ArrayList<>();
        int subscriptions = 1 + random.nextInt(3);
        int id = 0;
        for (int s = 0; s < subscriptions; s++) {
            String sub = customer + "-s" + s;
            Instant at = START.plusDays(random.nextInt(120)).atStartOfDay(ZONE).toInstant().plusSeconds(random.nextInt(86_400));
            Instant trialEnd = random.nextInt(4) == 0 ? at.plusSeconds(86_400L * (1 + random.nextInt(40))) : null;
            out.add(new SubscriptionEvent(customer + "-" + id++, customer, sub, EventType.STARTED, at, pick(random), 1 + random.nextInt(3),
                    trialEnd, null, null, null, null));
            String phase = "active"; // active, paused, pending (cancellation requested), cancelled
            for (int k = random.nextInt(12); k > 0; k--) {
                // often the same day, sometimes weeks later
                at = at.plusSeconds(1 + (random.nextInt(3) == 0 ? random.nextInt(20_000) : 86_400L * random.nextInt(60)));
                String eid = customer + "-" + id++;
                SubscriptionEvent e = switch (phase) {
                    case "paused" -> random.nextBoolean() ? event(eid, sub, EventType.RESUMED, at, null, null, null)
                            : event(eid, sub, EventType.CANCELLED, at, null, null, null);
                    case "cancelled" -> event(eid, sub, EventType.REACTIVATED, at, random.nextBoolean() ? pick(random) : null, null, null);
                    case "pending" -> random.nextBoolean() ? event(eid, sub, EventType.REACTIVATED, at, null, null, null)
                            : event(eid, sub, EventType.QUANTITY_CHANGED, at, null, 1 + random.nextInt(5), null);
                    default -> switch (random.nextInt(9)) {
                        case 0 -> event(eid, sub, EventType.PLAN_CHANGED, at, pick(random), null, null);
                        case 1 -> event(eid, sub, EventType.QUANTITY_CHANGED, at, null, 1 + random.nextInt(5), null);
                        case 2 -> new SubscriptionEvent(eid, customer, sub, EventType.DISCOUNT_APPLIED, at, null, null, null,
                                random.nextBoolean() ? new BigDecimal(5 + random.nextInt(40)) : null, null, null, null);
                        case 3 -> new SubscriptionEvent(eid, customer, sub, EventType.DISCOUNT_APPLIED, at, null, null, null, null,
                                new BigDecimal(random.nextInt(30) + ".50"), null, null);
                        case 4 -> event(eid, sub, EventType.DISCOUNT_REMOVED, at, null, null, null);
                        case 5 -> event(eid, sub, EventType.PAUSED, at, null, null, null);
                        case 6 -> event(eid, sub, EventType.CANCELLATION_REQUESTED, at, null, null,
                                at.plusSeconds(86_400L * random.nextInt(90)));
                        case 7 -> event(eid, sub, EventType.PAYMENT_SUCCEEDED, at, null, null, null);
                        default -> event(eid, sub, EventType.CANCELLED, at, null, null, null);
                    };
                };
                out.add(e);
                phase = switch (e.type()) {
                    case PAUSED -> "paused";
                    case CANCELLED -> "cancelled";
                    case CANCELLATION_REQUESTED -> "pending";
                    case RESUMED, REACTIVATED -> "active";
                    default -> phase;
                };
            }
        }
        return out;
    }

    private static String pick(Random random) {
        return PLAN_CODES.get(random.nextInt(PLAN_CODES.size()));
    }

    private static SubscriptionEvent event(String id, String sub, EventType type, Instant at, String plan, Integer quantity,
            Instant cancelAt) {
        return new SubscriptionEvent(id, "c", sub, type, at, plan, quantity, null, null, null, cancelAt, null);
    }
}
