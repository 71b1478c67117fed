package org.openkpi.gateway.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The dashboard's few server-side routes (README "Dashboard", "Single sign-on"):
 * <ul>
 * <li>{@code GET /dashboard/config.json}, public: whether single sign-on is configured, so the page offers it;</li>
 * <li>{@code GET /sso/login}: reached only once quarkus-oidc's authorization code flow (OIDC tenant {@code dashboard},
 * tenant path /sso/*) has signed the user in; sends the browser back to the page, which then asks for the token;</li>
 * <li>{@code GET /sso/token}: the signed-in user's access token from the session (same origin only, never cached),
 * which the page sends as its bearer token to /graphql like any other client.</li>
 * </ul>
 * Without single sign-on the /sso routes answer 404 and the page asks for a pasted token.
 */
@ApplicationScoped
public class DashboardRoutes {

    private final boolean ssoEnabled;

    public DashboardRoutes(@ConfigProperty(name = "kpi.dashboard.sso.enabled") boolean ssoEnabled) {
        this.ssoEnabled = ssoEnabled;
    }

    void install(@Observes Router router) {
        router.get("/dashboard/config.json").handler(this::config);
        router.get("/sso/login").handler(this::afterLogin);
        router.get("/sso/token").handler(this::token);
    }

    private void config(RoutingContext context) {
        context.response().putHeader("Cache-Control", "no-store");
        context.json(new JsonObject().put("sso", ssoEnabled));
    }

    private void afterLogin(RoutingContext context) {
        if (!ssoEnabled) {
            context.response().setStatusCode(404).end();
            return;
        }
        context.response().setStatusCode(303).putHeader("Location", "/#sso").putHeader("Cache-Control", "no-store").end();
    }

    private void token(RoutingContext context) {
        if (!ssoEnabled) {
            context.response().setStatusCode(404).end();
            return;
        }
        AccessTokenCredential credential = context.user() instanceof QuarkusHttpUser user
                ? accessToken(user.getSecurityIdentity()) : null;
        if (credential == null) {
            context.response().setStatusCode(401).end();
            return;
        }
        context.response().putHeader("Cache-Control", "no-store");
        context.json(new JsonObject().put("accessToken", credential.getToken()));
    }

    private static AccessTokenCredential accessToken(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getCredential(AccessTokenCredential.class);
    }
}
