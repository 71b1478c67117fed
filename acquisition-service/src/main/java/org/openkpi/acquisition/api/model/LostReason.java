package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Deals lost in the range for one reason (\"(none)\" when none was given).")
public record LostReason(@NonNull String reason, long deals, @NonNull Money amount) {
}
