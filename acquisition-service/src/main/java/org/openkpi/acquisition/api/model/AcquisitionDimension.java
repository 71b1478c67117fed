package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("A dimension to group by: CHANNEL (first-touch for customers), CAMPAIGN, OWNER (sales rep), STAGE.")
public enum AcquisitionDimension {
    CHANNEL, CAMPAIGN, OWNER, STAGE
}
