package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("A dimension revenue KPIs are filtered and grouped by. PLAN groups by the part of each customer's MRR on"
        + " each plan (a plan change is churn or contraction on the old plan and new or expansion on the new one);"
        + " the others by the customer's attribute. A customer without the attribute is in group (none).")
public enum RevenueDimension {
    PLAN, COUNTRY, SEGMENT, CHANNEL
}
