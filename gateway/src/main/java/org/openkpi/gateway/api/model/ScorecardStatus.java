package org.openkpi.gateway.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("ON_TRACK: the target is met. AT_RISK: missed by at most 10% of the target's magnitude. OFF_TRACK: missed "
        + "by more. NO_TARGET: no target applies to the period. UNKNOWN: the actual cannot be computed (see reason).")
public enum ScorecardStatus {
    ON_TRACK, AT_RISK, OFF_TRACK, NO_TARGET, UNKNOWN
}
