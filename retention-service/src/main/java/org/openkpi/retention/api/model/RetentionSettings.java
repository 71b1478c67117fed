package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The tenant's settings in retention-service.")
public record RetentionSettings(@NonNull @Description("IANA time zone (default UTC)") String timeZone,
        @NonNull @Description("Reporting currency, as published by revenue-service's change feed (USD until the first entry)") String currency) {
}
