package org.openkpi.support.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("SupportSettingsInput")
@Description("Omitted fields keep their value; a given list replaces the stored one. Any change re-derives every ticket.")
public record SupportSettingsInput(@Description("IANA time zone, e.g. Europe/Berlin") String timeZone,
        @Description("The weekly schedule: weekdays not listed have no business hours") List<BusinessDayInput> businessHours,
        @Description("Holidays (ISO dates in the tenant's zone), skipped entirely") List<String> holidays,
        @Description("Per-priority targets; priorities not listed have none") List<SlaTargetInput> slaTargets) {
}
