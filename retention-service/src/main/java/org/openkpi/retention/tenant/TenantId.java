package org.openkpi.retention.tenant;

/**
 * The tenant a unit of work acts for. Every repository method takes one, so no query can be written
 * without a tenant; it is obtained from the verified token ({@link CurrentTenant}) or, for background
 * work, from a tenant already stored ({@link #ofStored}).
 */
public record TenantId(String value) {

    public TenantId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("tenant id must not be blank");
        }
    }

    /** For background jobs iterating tenants found in this service's own tables. */
    public static TenantId ofStored(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
