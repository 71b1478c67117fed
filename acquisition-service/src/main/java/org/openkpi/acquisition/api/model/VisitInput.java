package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("VisitInput")
@Description("A raw visit. Unique visitors of a day, channel and campaign are its distinct visitorIds, unless a"
        + " VisitorCountInput was recorded for the same day, channel and campaign (the reported count then wins).")
public record VisitInput(@NonNull String externalId, @NonNull @Description("Stable id of the visitor (cookie, device)") String visitorId,
        @NonNull @Description("ISO-8601 instant") String occurredAt, String channel, String campaign) {
}
