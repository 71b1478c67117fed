package org.openkpi.support.api.model;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The tenant's support settings. Without a stored schedule, business hours are Monday to Friday 09:00-17:00.")
public record SupportSettings(@NonNull @Description("IANA time zone deciding days and business hours") String timeZone,
        @NonNull @Description("The weekly schedule") List<@NonNull BusinessDay> businessHours,
        @NonNull @Description("Holidays, skipped entirely") List<@NonNull LocalDate> holidays,
        @NonNull @Description("Per-priority targets") List<@NonNull SlaTarget> slaTargets) {
}
