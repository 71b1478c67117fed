package org.openkpi.revenue.repository;

/** What idempotence needs of a stored fact: its content hash and the customer it belongs to (if any). */
public record StoredFact(String contentHash, String customerId) {
}
