package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("RevenueSettingsInput")
@Description("Omitted fields keep their value. A change re-evaluates every customer of the tenant.")
public record RevenueSettingsInput(String reportingCurrency, String timeZone, ChurnRecognition churnRecognition, Integer dunningDays) {
}
