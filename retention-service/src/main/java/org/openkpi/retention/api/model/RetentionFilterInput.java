package org.openkpi.retention.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("RetentionFilterInput")
@Description("Keeps customers whose current attribute (from their latest change-feed entry) is one of the given values; \"(none)\""
        + " matches customers without one. Omitted or empty lists do not filter. Filter and groupBy together may involve"
        + " at most one dimension.")
public record RetentionFilterInput(List<String> plans, List<String> countries, List<String> segments, List<String> channels) {
}
