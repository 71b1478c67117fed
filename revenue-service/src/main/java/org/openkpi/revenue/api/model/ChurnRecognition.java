package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("AT_PERIOD_END: a requested cancellation takes MRR away when it takes effect (default). WHEN_REQUESTED: at the request.")
public enum ChurnRecognition {
    AT_PERIOD_END, WHEN_REQUESTED
}
