package org.openkpi.revenue;

import static org.openkpi.revenue.Gql.customer;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.list;
import static org.openkpi.revenue.Gql.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One small operation per root field of the service, for the role and service-token tests. */
final class Ops {

    private Ops() {
    }

    record Op(String document, Map<String, Object> variables) {
    }

    static final String RANGE = "range:{from:\"2024-01-01\",to:\"2024-04-01\"}";

    /** Every query root field (with _entities), by name. */
    static Map<String, Op> queries() {
        Map<String, Op> q = new LinkedHashMap<>();
        q.put("customer", new Op("{ customer(id:\"c1\"){ id revenue{ mrr{amount} } } }", null));
        q.put("_entities", new Op("{ _entities(representations:[{__typename:\"Customer\",id:\"c1\"}]){ ... on Customer { id } } }", null));
        q.put("mrrSeries", new Op("{ mrrSeries(" + RANGE + ",granularity:MONTH){ mrrEnd{amount} } }", null));
        q.put("upsellRate", new Op("{ upsellRate(" + RANGE + ",granularity:MONTH){ expansionCustomers } }", null));
        q.put("mrrMovements", new Op("{ mrrMovements(" + RANGE + "){ edges{ cursor } } }", null));
        q.put("planMix", new Op("{ planMix(asOf:\"2024-01-31\"){ planCode } }", null));
        q.put("financials", new Op("{ financials(" + RANGE + ",granularity:MONTH){ revenue{amount} } }", null));
        q.put("customerMrrHistory", new Op("{ customerMrrHistory(customerId:\"c1\"){ mrr{amount} } }", null));
        q.put("changeFeed", new Op("{ changeFeed{ entries{ cursor } } }", null));
        q.put("revenueSettings", new Op("{ revenueSettings{ timeZone } }", null));
        q.put("plans", new Op("{ plans{ code } }", null));
        return q;
    }

    /** Every mutation, each changing what {@link #seed} stored if it ran. */
    static Map<String, Op> mutations() {
        Map<String, Op> m = new LinkedHashMap<>();
        m.put("recordPlans", new Op("mutation($p:[PlanInput!]!){ recordPlans(plans:$p){ accepted replaced } }",
                Map.of("p", list(plan("basic", "200", "USD", 1)))));
        m.put("recordCustomers", new Op("mutation($c:[CustomerInput!]!){ recordCustomers(customers:$c){ accepted replaced } }",
                Map.of("c", list(customer("c1", "FR", "SMB", "ads")))));
        m.put("recordSubscriptionEvents", new Op(Gql.EVENTS,
                Map.of("e", list(event("e2", "c1", "s1", "CANCELLED", "2024-02-10T00:00:00Z")))));
        m.put("recordCharges", new Op("mutation($c:[ChargeInput!]!){ recordCharges(charges:$c){ accepted replaced } }",
                Map.of("c", list(charge("ch1", "c1", "CHARGE", "2024-01-10T00:00:00Z", "75", "USD")))));
        m.put("recordCosts", new Op("mutation($c:[CostInput!]!){ recordCosts(costs:$c){ accepted replaced } }",
                Map.of("c", list(cost("co1", "COGS", "hosting", "2024-01-01", "30", "USD")))));
        m.put("recordFxRates", new Op("mutation($r:[FxRateInput!]!){ recordFxRates(rates:$r){ accepted replaced } }",
                Map.of("r", list(Map.of("currency", "EUR", "date", "2024-01-01", "rate", "1.2")))));
        m.put("updateRevenueSettings", new Op("mutation{ updateRevenueSettings(settings:{timeZone:\"Europe/Paris\",dunningDays:9}){ timeZone } }", null));
        return m;
    }

    static Map<String, Object> charge(String id, String customer, String kind, String at, String amount, String currency) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("externalId", id);
        c.put("customerId", customer);
        c.put("kind", kind);
        c.put("occurredAt", at);
        c.put("amount", amount);
        c.put("currency", currency);
        return c;
    }

    static Map<String, Object> cost(String id, String kind, String category, String date, String amount, String currency) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("externalId", id);
        c.put("kind", kind);
        c.put("category", category);
        c.put("date", date);
        c.put("amount", amount);
        c.put("currency", currency);
        return c;
    }

    /** Stores one fact of every kind for the tenant (plan basic, customer c1, event e1, charges, cost co1, EUR rate). */
    static void seed(Gql t) {
        t.plans(list(plan("basic", "100", "USD", 1)));
        t.customers(list(customer("c1", "US", "SMB", "ads")));
        t.events(list(event("e1", "c1", "s1", "STARTED", "2024-01-05T00:00:00Z", "planCode", "basic")));
        t.ok("mutation($r:[FxRateInput!]!){ recordFxRates(rates:$r){ accepted } }",
                Map.of("r", list(Map.of("currency", "EUR", "date", "2024-01-01", "rate", "1.1"))));
        t.ok("mutation($c:[ChargeInput!]!){ recordCharges(charges:$c){ accepted } }",
                Map.of("c", list(charge("ch1", "c1", "CHARGE", "2024-01-10T00:00:00Z", "50", "USD"),
                        charge("ch-eur", "c1", "CHARGE", "2024-01-11T00:00:00Z", "10", "EUR"))));
        t.ok("mutation($c:[CostInput!]!){ recordCosts(costs:$c){ accepted } }",
                Map.of("c", list(cost("co1", "COGS", "hosting", "2024-01-01", "20", "USD"))));
    }

    /** Everything {@link #seed} stored, as the viewer sees it, for before/after comparisons. */
    static final String SNAPSHOT = """
            { plans{ code name price{amount currency} intervalMonths }
              revenueSettings{ reportingCurrency timeZone churnRecognition dunningDays }
              customerMrrHistory(customerId:"c1"){ name country segment channel mrr{amount} movements{ kind day } }
              financials(range:{from:"2024-01-01",to:"2024-04-01"},granularity:MONTH){ period{start} revenue{amount}
                oneOffCharges{amount} cogs{amount} }
              changeFeed(first:1000){ entries{ cursor type customerId day kind fromMrr toMrr } } }""";

    static List<String> allRootFields() {
        List<String> all = new java.util.ArrayList<>(queries().keySet());
        all.addAll(mutations().keySet());
        return all;
    }
}
