package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A tenant's revenue settings.")
public record RevenueSettings(
        @NonNull @Description("ISO-4217 reporting currency (default USD)") String reportingCurrency,
        @NonNull @Description("IANA zone deciding which day an instant falls on (default UTC)") String timeZone,
        @NonNull ChurnRecognition churnRecognition,
        @Description("Days a past-due subscription stays active unpaid before it churns at the end of its last paid period (default 30)") int dunningDays) {
}
