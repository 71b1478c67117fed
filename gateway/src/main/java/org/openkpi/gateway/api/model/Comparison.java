package org.openkpi.gateway.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("How an alert rule compares the actual with its threshold: GT >, GTE >=, LT <, LTE <=.")
public enum Comparison {
    GT, GTE, LT, LTE
}
