package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("RetentionSettingsInput")
@Description("The tenant's retention settings; omitted fields keep their value.")
public record RetentionSettingsInput(@Description("IANA time zone deciding which day an instant falls on, e.g. Europe/Paris") String timeZone) {
}
