package org.openkpi.gateway.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("UnitEconomicsFilterInput")
@Description("Restricts the unit economics to customers with these attributes (empty or null: no restriction). ARPA, "
        + "net new MRR and churn follow every dimension; CAC and spend only channels (acquisition-service attributes "
        + "spend to channels alone), so with plans, countries or segments set, CAC-based KPIs are null with a reason; "
        + "gross margin is always the whole company's (COGS are not attributed to customers).")
public record UnitEconomicsFilterInput(List<String> channels, List<String> plans, List<String> countries,
        List<String> segments) {

    public boolean isEmpty() {
        return empty(channels) && empty(plans) && empty(countries) && empty(segments);
    }

    /** @return whether a dimension other than channels restricts the customers */
    public boolean beyondChannels() {
        return !empty(plans) || !empty(countries) || !empty(segments);
    }

    private static boolean empty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
