package org.openkpi.retention.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("NpsResponseInput")
@Description("An NPS survey response (0-10), idempotent by externalId.")
public record NpsResponseInput(
        @Description("Tenant-scoped id of the response") String externalId,
        @Description("Who answered (user id or e-mail)") String respondent,
        @Description("The customer the respondent belongs to (optional)") String customerId,
        @Description("0 to 10: promoters 9-10, passives 7-8, detractors 0-6") Integer score,
        @Description("ISO-8601 instant with offset") String respondedAt,
        @Description("Free-text comment") String comment) {
}
