package org.openkpi.deploy;

import java.nio.file.Path;
import java.util.List;

/**
 * One service of the suite as the local runner starts it.
 *
 * @param name     the Maven module and application name
 * @param database the PostgreSQL database the service owns
 * @param port     its HTTP port
 */
public record ServiceSpec(String name, String database, int port) {

    /** The owner of the MRR change feed the other services consume. */
    public static final ServiceSpec REVENUE = new ServiceSpec("revenue-service", "revenue", 8081);

    /** Every service, in the order they are listed. */
    public static final List<ServiceSpec> SUITE = List.of(
            new ServiceSpec("gateway", "gateway", 8080),
            REVENUE,
            new ServiceSpec("acquisition-service", "acquisition", 8082),
            new ServiceSpec("retention-service", "retention", 8083),
            new ServiceSpec("support-service", "support", 8084));

    /** The runnable Quarkus app the module's {@code package} produces. */
    public Path runnerJar(Path projectRoot) {
        return projectRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String graphqlUrl() {
        return "http://localhost:" + port + "/graphql";
    }

    /** The root of its HTTP server: the gateway serves the dashboard there. */
    public String dashboardUrl() {
        return "http://localhost:" + port + "/";
    }

    public String graphqlUiUrl() {
        return "http://localhost:" + port + "/q/graphql-ui";
    }

    public String readinessUrl() {
        return "http://localhost:" + port + "/q/health/ready";
    }
}
