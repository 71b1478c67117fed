package org.openkpi.gateway.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One signal that contributes to a customer's churn-risk score, with the figures behind it.")
public record ChurnSignal(@NonNull ChurnSignalKind kind, @NonNull String service, int weight, @NonNull String detail) {
}
