package org.openkpi.acquisition.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.runtime.TokensHelper;

/**
 * This service's own identity towards revenue-service: a client-credentials token of the default quarkus-oidc-client
 * (KPI_SERVICE_CLIENT_* environment variables), cached and refreshed by quarkus-oidc-client's TokensHelper. Disabled
 * by default; then nothing here contacts any OIDC server.
 */
@ApplicationScoped
public class ServiceClient {

    private static final Logger LOG = Logger.getLogger(ServiceClient.class);

    private final boolean enabled;
    private final Duration timeout;
    private final Instance<OidcClients> clients;
    private final TokensHelper tokens = new TokensHelper();

    public ServiceClient(@ConfigProperty(name = "kpi.service-client.enabled") boolean enabled,
            @ConfigProperty(name = "kpi.feed.timeout") Duration timeout, Instance<OidcClients> clients) {
        this.enabled = enabled;
        this.timeout = timeout;
        this.clients = clients;
    }

    public boolean enabled() {
        return enabled;
    }

    /** A valid access token, or null when disabled or the identity provider could not issue one (logged). */
    public String token() {
        if (!enabled) {
            return null;
        }
        try {
            return tokens.getTokens(clients.get().getClient()).await().atMost(timeout).getAccessToken();
        } catch (RuntimeException e) {
            LOG.warnf("no service client token: %s %s", e.getClass().getSimpleName(), e.getMessage() == null ? "" : e.getMessage());
            return null;
        }
    }
}
