package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("VisitorCountInput")
@Description("Unique visitors of one day, channel and campaign as counted by the web analytics tool. Its identity (external id)"
        + " is date + channel + campaign: sending it again with another count replaces the count.")
public record VisitorCountInput(@NonNull @Description("ISO date in the tenant's zone") String date,
        @Description("Acquisition channel; omitted = (none)") String channel,
        @Description("Campaign code; omitted = (none)") String campaign,
        @NonNull @Description("Unique visitors, >= 0") Long visitors) {
}
