package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Email list of one period.")
public record EmailListPoint(@NonNull Period period, @Description("Subscribers just before the period start") long listSizeStart,
        long subscribes, long unsubscribes, @Description("Subscribers just before the period end") long listSizeEnd,
        @NonNull @Description("Email list growth rate = (subscribes - unsubscribes) / listSizeStart") Ratio growthRate) {
}
