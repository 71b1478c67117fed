package org.openkpi.support.engine;

/** A priority's targets, in business seconds. */
public record SlaTarget(long firstResponseSeconds, long resolutionSeconds) {
}
