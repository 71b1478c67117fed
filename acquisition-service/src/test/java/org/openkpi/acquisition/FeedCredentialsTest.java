package org.openkpi.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.openkpi.acquisition.service.FeedCredentials;
import org.openkpi.acquisition.tenant.TenantId;

/** Which token reads the change feed (no Quarkus boot): caller's for a viewer, else the service client's, else none. */
class FeedCredentialsTest {

    static final TenantId T = new TenantId("acme");

    @Test
    void aViewerReadsWithItsOwnTokenEvenWhenAServiceClientExists() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<String> service = () -> {
            asked.incrementAndGet();
            return "service-token";
        };
        assertEquals(Optional.of(new FeedCredentials("user-token", null)), FeedCredentials.choose(true, "user-token", service, T));
        assertEquals(0, asked.get());
    }

    @Test
    void withoutKpiViewerTheServiceClientReadsForTheTenant() {
        assertEquals(Optional.of(new FeedCredentials("service-token", "acme")), FeedCredentials.choose(false, "writer-token", () -> "service-token", T));
    }

    @Test
    void withoutKpiViewerAndWithoutAServiceClientTheCatchUpIsSkipped() {
        assertTrue(FeedCredentials.choose(false, "writer-token", null, T).isEmpty());
        // a configured client whose identity provider is down: skipped too (the next viewer catches up)
        assertTrue(FeedCredentials.choose(false, "writer-token", () -> null, T).isEmpty());
    }
}
