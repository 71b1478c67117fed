package org.openkpi.gateway.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("The length of the periods of a series (WEEK is the ISO week from Monday).")
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER, YEAR
}
