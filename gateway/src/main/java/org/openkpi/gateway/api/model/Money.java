package org.openkpi.gateway.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An amount of money in an ISO-4217 currency.")
public record Money(@NonNull BigDecimal amount, @NonNull String currency) {
}
