package org.openkpi.acquisition;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link SmokeTest} against the packaged artifact (prod profile): the fast-jar with {@code -DskipITs=false}, the native
 * executable with {@code -Dnative} (deploy/README.md "Native build"). The test resources' config (database, token key)
 * reaches the artifact as system properties.
 */
@QuarkusIntegrationTest
class SmokeIT extends SmokeTest {
}
