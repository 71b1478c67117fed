package org.openkpi.revenue.repository;

/** A customer of a tenant: its external id and the dimensions KPIs are filtered and grouped by. */
public record CustomerRow(String externalId, String name, String country, String segment, String channel, String contentHash) {
}
