package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("LeadInput")
@Description("A lead. Instants are ISO-8601; the later stages are optional and must not precede capture.")
public record LeadInput(@NonNull String externalId, @NonNull String capturedAt, @Description("Source channel") String channel,
        String campaign, @Description("Sales rep owning the lead") String owner,
        @Description("When it became a marketing-qualified lead") String mqlAt,
        @Description("When it became a sales-qualified lead") String sqlAt,
        @Description("First follow-up by sales") String firstFollowUpAt,
        @Description("The customer the lead became, if any (external customer id)") String customerId) {
}
