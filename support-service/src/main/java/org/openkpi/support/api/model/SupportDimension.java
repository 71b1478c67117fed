package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("A dimension to group a series by.")
public enum SupportDimension {
    CHANNEL, PRIORITY, AGENT, TEAM, CUSTOMER
}
