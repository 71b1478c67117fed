package org.openkpi.acquisition.api.model;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("How one customer was acquired, as derived from the change feed, trials and leads.")
public record CustomerAcquisition(@NonNull String customerId,
        @Description("Day of the current first payment (null when every NEW movement was reversed)") LocalDate firstPaymentDay,
        @Description("Day of the churn, null while paying or reactivated") LocalDate churnDay,
        @NonNull @Description("First-touch channel, \"(none)\" when unknown") String channel,
        @NonNull @Description("First-touch campaign, \"(none)\" when unknown") String campaign,
        @Description("Where the channel came from: TRIAL, LEAD or FEED") String attributedFrom,
        @NonNull List<@NonNull String> trials, @NonNull List<@NonNull String> leads) {
}
