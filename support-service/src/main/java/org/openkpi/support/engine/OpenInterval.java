package org.openkpi.support.engine;

import java.time.Instant;

/** A span [openedAt, closedAt) during which a ticket was open; closedAt is null while it still is. */
public record OpenInterval(Instant openedAt, Instant closedAt) {
}
