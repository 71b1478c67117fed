package org.openkpi.retention.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openkpi.retention.feed.FeedCredentials;
import org.openkpi.retention.feed.ServiceClientToken;
import org.openkpi.retention.tenant.TenantId;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The token choice without a service client (the default): a viewer's own token, else no catch-up at all. */
class FeedAccessTest {

    static final ServiceClientToken DISABLED = new ServiceClientToken(false, null, Duration.ofSeconds(1));
    static final TenantId TENANT = new TenantId("t");

    static QuarkusSecurityIdentity user(String... roles) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("u"));
        for (String r : roles) {
            b.addRole(r);
        }
        return b.build();
    }

    @Test
    void aViewersOwnTokenIsForwarded() {
        Optional<FeedCredentials> c = FeedAccess.choose(user("kpi-viewer", "kpi-writer"), "raw", DISABLED, TENANT);
        assertEquals("raw", c.orElseThrow().bearerToken());
        assertNull(c.orElseThrow().tenantHeader());
    }

    @Test
    void withoutTheServiceClientAWriterOnlyOrAdminOnlyRequestSkipsTheCatchUp() {
        assertTrue(FeedAccess.choose(user("kpi-writer"), "raw", DISABLED, TENANT).isEmpty());
        assertTrue(FeedAccess.choose(user("kpi-admin"), "raw", DISABLED, TENANT).isEmpty());
        assertTrue(FeedAccess.choose(user(), "raw", DISABLED, TENANT).isEmpty());
    }
}
