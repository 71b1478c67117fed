package org.openkpi.retention.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.federation.Shareable;

@Shareable
@Description("An amount of money in an ISO-4217 currency.")
public record Money(@NonNull BigDecimal amount, @NonNull String currency) {
}
