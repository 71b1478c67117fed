package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("COGS: cost of goods sold (hosting, third-party licences, delivery support). OPERATING_EXPENSE: sales &"
        + " marketing, R&D, G&A (not depreciation, amortisation, interest or taxes).")
public enum CostKind {
    COGS, OPERATING_EXPENSE
}
