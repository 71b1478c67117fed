package org.openkpi.retention.api.model;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A movement of the customer's MRR, from revenue-service's change feed.")
public record CustomerMovement(@NonNull LocalDate day,
        @NonNull @Description("NEW, EXPANSION, CONTRACTION, CHURN or REACTIVATION") String kind,
        @NonNull Money fromMrr, @NonNull Money toMrr) {
}
