package org.openkpi.acquisition.api.model;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A campaign's cost, attributed revenue and ROI, in the reporting currency.")
public record CampaignResult(@NonNull String externalId, @NonNull String name, @NonNull String channel, @NonNull LocalDate startDate,
        LocalDate endDate, @NonNull Money cost, @NonNull Money attributedRevenue,
        @NonNull @Description("Campaign ROI = (attributedRevenue - cost) / cost") Ratio roi) {
}
