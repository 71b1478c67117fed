package org.openkpi.gateway.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("A churn-risk signal and its weight in the score (the weights add up to 100): ACTIVITY_FALLING 30 "
        + "(retention), NPS_DETRACTOR 25 (retention), LOW_CSAT 15 (support), TICKET_VOLUME_RISING 10 (support), "
        + "SLOW_ONBOARDING 10 (retention), CONTRACTION 10 (revenue: an MRR contraction in the 90 days before asOf).")
public enum ChurnSignalKind {
    ACTIVITY_FALLING(30, "retention"),
    NPS_DETRACTOR(25, "retention"),
    LOW_CSAT(15, "support"),
    TICKET_VOLUME_RISING(10, "support"),
    SLOW_ONBOARDING(10, "retention"),
    CONTRACTION(10, "revenue");

    private final int weight;
    private final String service;

    ChurnSignalKind(int weight, String service) {
        this.weight = weight;
        this.service = service;
    }

    public int weight() {
        return weight;
    }

    public String service() {
        return service;
    }
}
