package org.openkpi.support.repository;

/** A stored fact's content hash and the ticket it belongs to (the ticket itself for a ticket). */
public record StoredRef(String contentHash, String ticketId) {
}
