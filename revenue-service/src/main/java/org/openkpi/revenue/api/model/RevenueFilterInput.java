package org.openkpi.revenue.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("RevenueFilterInput")
@Description("Keeps facts matching every given list (any value of a list). Omitted lists do not filter. With plans,"
        + " MRR is the part of each customer's MRR on those plans, its movements classified on that part.")
public record RevenueFilterInput(List<String> plans, List<String> countries, List<String> segments, List<String> channels) {
}
