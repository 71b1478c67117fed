package org.openkpi.acquisition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL 17 (zonky embedded binaries from Maven Central) once per test JVM,
 * creates a fresh database for this service, and points the datasource at it. When the environment
 * variable {@code KPI_TEST_PG_URL} is set (a JDBC URL to a server whose user may create databases,
 * with {@code KPI_TEST_PG_USER} / {@code KPI_TEST_PG_PASSWORD}), that server is used instead.
 * It also generates the RSA key pair that test tokens are signed with (see {@link Tokens}).
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://kpi.test/issuer";
    static final String AUDIENCE = "kpi-suite";
    static final KeyPair KEYS = generateKeys();
    private static EmbeddedPostgres embedded;

    @Override
    public synchronized Map<String, String> start() {
        String database = "acquisition_test_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        String externalUrl = System.getenv("KPI_TEST_PG_URL");
        String baseUrl;
        String user;
        String password;
        if (externalUrl != null && !externalUrl.isBlank()) {
            baseUrl = externalUrl;
            user = System.getenv().getOrDefault("KPI_TEST_PG_USER", "postgres");
            password = System.getenv().getOrDefault("KPI_TEST_PG_PASSWORD", "");
        } else {
            try {
                if (embedded == null) {
                    embedded = EmbeddedPostgres.builder().start();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            baseUrl = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        }
        try (Connection c = java.sql.DriverManager.getConnection(baseUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database", e);
        }
        String url = baseUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password,
                "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                "quarkus.oidc.token.issuer", ISSUER,
                "quarkus.oidc.token.audience", AUDIENCE);
    }

    @Override
    public void stop() {
        // the embedded server lives for the whole test JVM and is stopped by its shutdown hook
    }

    private static KeyPair generateKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
