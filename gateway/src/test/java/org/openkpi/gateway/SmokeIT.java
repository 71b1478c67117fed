package org.openkpi.gateway;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link SmokeTest} against the packaged artifact (prod profile): the fast-jar with {@code -DskipITs=false}, the native
 * executable with {@code -Dnative} (deploy/README.md "Native build"). The test resources' config (database, token key)
 * reaches the artifact as system properties. No domain service runs here, so readiness does not ask them (as in the
 * test profile, {@code %test.kpi.health.services.enabled=false}); {@link ForwardingIT} runs with stand-in services.
 */
@QuarkusIntegrationTest
@WithTestResource(SmokeIT.NoServiceProbes.class)
class SmokeIT extends SmokeTest {

    public static class NoServiceProbes implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("kpi.health.services.enabled", "false");
        }

        @Override
        public void stop() {
        }
    }
}
