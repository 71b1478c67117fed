package org.openkpi.retention.api.model;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One NPS response.")
public record NpsResponse(@NonNull String externalId, @NonNull String respondent, int score,
        @NonNull @Description("PROMOTER (9-10), PASSIVE (7-8) or DETRACTOR (0-6)") String category,
        @NonNull Instant respondedAt, String comment) {
}
