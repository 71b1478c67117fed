package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("OPEN, WON or LOST.")
public enum DealStatus {
    OPEN, WON, LOST
}
