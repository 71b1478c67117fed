package org.openkpi.retention.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Product engagement of a period: DAU, distinct active users and stickiness.")
public record EngagementPoint(@NonNull Period period,
        @NonNull @Description("Mean daily active users over every day of the period (days without activity count as 0)") BigDecimal meanDailyActiveUsers,
        @Description("Distinct users active in the period (MAU for a calendar month)") long activeUsers,
        @NonNull @Description("Stickiness = meanDailyActiveUsers / activeUsers (DAU/MAU for a month)") Ratio stickiness) {
}
