package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A tenant's acquisition settings.")
public record AcquisitionSettings(@NonNull @Description("ISO-4217 reporting currency (default USD)") String reportingCurrency,
        @NonNull @Description("IANA zone deciding which day an instant falls on (default UTC)") String timeZone,
        @Description("Trial-to-paid conversion window in days (default 30)") int conversionWindowDays) {
}
