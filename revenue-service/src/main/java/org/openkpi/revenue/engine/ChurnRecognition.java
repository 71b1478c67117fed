package org.openkpi.revenue.engine;

/** When a requested cancellation takes MRR away. */
public enum ChurnRecognition {
    /** When it takes effect: the end of the last paid service period (the default). */
    AT_PERIOD_END,
    /** As soon as the customer asks. */
    WHEN_REQUESTED
}
