package org.openkpi.retention.api.model;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The trailing churn rate LTV needs: the mean monthly logo churn of the complete calendar months before asOf, and"
        + " average customer lifetime = 1 / that rate (months).")
public record TrailingChurn(
        @NonNull @Description("The months averaged: [first day of asOf's month minus N months, first day of asOf's month)") Period window,
        @Description("N, the number of complete months") int months,
        @NonNull @Description("Each month's logo churn rate (a month without paying customers at its start is left out of the mean)")
        List<@NonNull Ratio> monthlyLogoChurn,
        @Description("Mean monthly logo churn; null with a reason when no churn was observed or no month had paying customers")
        BigDecimal meanMonthlyLogoChurn,
        @Description("Average customer lifetime in months = 1 / meanMonthlyLogoChurn; null with the same reason") BigDecimal averageCustomerLifetimeMonths,
        @Description("Why the mean (and lifetime) is null, e.g. \"no churn observed\"") String reason) {
}
