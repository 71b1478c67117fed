package org.openkpi.support.api.model;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The tenant's support settings. Without a stored schedule, business hours are Monday to Friday 09:00-17:00.")
public record TenantSettings(@NonNull String timeZone, @NonNull List<@NonNull BusinessDay> businessHours,
        @NonNull List<@NonNull LocalDate> holidays, @NonNull List<@NonNull SlaTarget> slaTargets) {
}
