package org.openkpi.support.engine;

import java.time.Instant;

/** A CSAT survey response (rating 1-5) of a ticket. */
public record CsatFact(int rating, Instant respondedAt) {

    public boolean satisfied() {
        return rating >= 4;
    }
}
