package org.openkpi.gateway.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("How often a target is reviewed: the scorecard judges the last complete week, month or quarter.")
public enum ReviewFrequency {
    WEEKLY(Granularity.WEEK), MONTHLY(Granularity.MONTH), QUARTERLY(Granularity.QUARTER);

    private final Granularity granularity;

    ReviewFrequency(Granularity granularity) {
        this.granularity = granularity;
    }

    public Granularity granularity() {
        return granularity;
    }
}
