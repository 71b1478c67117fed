package org.openkpi.retention.feed;

/**
 * How a feed request authenticates: a bearer token, and for a service client's token (which names no tenant) the tenant
 * it reads for, sent as the {@code X-Kpi-Tenant} header (null with a user's token).
 */
public record FeedCredentials(String bearerToken, String tenantHeader) {

    public static FeedCredentials caller(String token) {
        return new FeedCredentials(token, null);
    }

    public static FeedCredentials service(String token, String tenant) {
        return new FeedCredentials(token, tenant);
    }
}
