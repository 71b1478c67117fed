package org.openkpi.retention.feed;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.TokensHelper;

/**
 * This service's own client-credentials token (quarkus-oidc-client, the default client configured by
 * {@code KPI_SERVICE_CLIENT_*}), used to read revenue-service's feed when no user who may read is behind a request.
 * The token is cached and refreshed (or fetched again) shortly before it expires. Disabled by default: then nothing
 * contacts any token endpoint.
 */
@ApplicationScoped
public class ServiceClientToken {

    private final boolean enabled;
    private final Instance<OidcClient> client;
    private final Duration timeout;
    private final TokensHelper tokens = new TokensHelper();

    public ServiceClientToken(@ConfigProperty(name = "kpi.service-client.enabled", defaultValue = "false") boolean enabled,
            Instance<OidcClient> client,
            @ConfigProperty(name = "kpi.feed.request-timeout", defaultValue = "10s") Duration timeout) {
        this.enabled = enabled;
        this.client = client;
        this.timeout = timeout;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The access token; FeedUnavailableException when the token endpoint cannot give one. */
    public String token() {
        if (!enabled) {
            throw new IllegalStateException("the service client is disabled");
        }
        try {
            Tokens t = tokens.getTokens(client.get()).await().atMost(timeout);
            return t.getAccessToken();
        } catch (RuntimeException e) {
            throw new FeedUnavailableException("no service token from the token endpoint: " + e.getMessage(), e);
        }
    }
}
