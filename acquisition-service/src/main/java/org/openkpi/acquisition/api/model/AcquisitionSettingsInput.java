package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("AcquisitionSettingsInput")
@Description("Omitted fields keep their value. A change re-derives every rollup of the tenant.")
public record AcquisitionSettingsInput(String reportingCurrency, String timeZone,
        @Description("Days after a trial's start within which a first payment counts as its conversion (0..365)") Integer conversionWindowDays) {
}
