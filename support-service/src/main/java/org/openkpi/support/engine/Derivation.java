package org.openkpi.support.engine;

import java.util.List;

/** A ticket's derived metrics and the spans it was open. */
public record Derivation(TicketMetrics metrics, List<OpenInterval> intervals) {
}
