package org.openkpi.revenue.api.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.openkpi.revenue.Gql.event;
import static org.openkpi.revenue.Gql.list;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openkpi.revenue.EmbeddedPostgresResource;
import org.openkpi.revenue.Gql;
import org.openkpi.revenue.api.model.SubscriptionEventInput;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.graphql.json.JsonBCreator;

/** SmallRye binds subscription events through {@link SubscriptionEventInputJsonb}, end to end. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class InputBindingWiringTest {

    private static final Gql T = Gql.as("input-binding");

    @Test
    void subscriptionEventsAreBoundByTheFastBinding() {
        assertInstanceOf(SubscriptionEventInputJsonb.class, JsonBCreator.getJsonB(SubscriptionEventInput.class.getName()));
    }

    @Test
    void oddTextAndDecimalsArriveIntact() {
        String customer = "cus \"q\" \\ é 中";
        T.plans(list(Gql.plan("bind-pro", "100", "USD", 1)));
        T.customers(list(Gql.customer(customer, "DE", null, null)));
        List<Map<String, Object>> batch = list(
                event("evt \"1\" \\ 😀", customer, "sub/1", "STARTED", "2024-01-01T00:00:00Z", "planCode", "bind-pro", "quantity", 2),
                event("evt \"2\" \\ 😀", customer, "sub/1", "DISCOUNT_APPLIED", "2024-02-01T00:00:00Z", "discountPercent", "12.5"));
        JsonPath first = T.events(batch);
        assertEquals(2, first.getInt("data.recordSubscriptionEvents.accepted"));
        // the same content again: the ids and the hashed content bound the same way
        JsonPath again = T.events(batch);
        assertEquals(2, again.getInt("data.recordSubscriptionEvents.unchanged"));
        JsonPath history = T.ok("query($c:String!){ customerMrrHistory(customerId:$c, asOf:\"2024-03-01\"){ customerId"
                + " movements{ day kind fromMrr{amount} toMrr{amount} } } }", Map.of("c", customer));
        assertEquals(customer, history.getString("data.customerMrrHistory.customerId"));
        assertEquals(List.of("NEW", "CONTRACTION"), history.getList("data.customerMrrHistory.movements.kind"));
        assertEquals(List.of("2024-01-01", "2024-02-01"), history.getList("data.customerMrrHistory.movements.day"));
        // 2 seats at 100, then 12.5% off
        assertEquals(0, new BigDecimal("200").compareTo(history.getObject("data.customerMrrHistory.movements[0].toMrr.amount",
                BigDecimal.class)));
        assertEquals(0, new BigDecimal("175").compareTo(history.getObject("data.customerMrrHistory.movements[1].toMrr.amount",
                BigDecimal.class)));
    }
}
