package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("NEW: 0 -> b, first MRR ever; REACTIVATION: 0 -> b after earlier MRR; EXPANSION: 0 < a < b;"
        + " CONTRACTION: 0 < b < a; CHURN: a -> 0. One netted movement per customer per day.")
public enum MovementKind {
    NEW, EXPANSION, CONTRACTION, CHURN, REACTIVATION
}
