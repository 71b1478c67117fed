package org.openkpi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkpi.deploy.demo.DashboardBrowserTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The suite against a real OIDC provider: Keycloak with the test realm (tenants acme and globex; ada has every
 * role in acme, vic only kpi-viewer, wes only kpi-writer, bea every role in globex; the service client kpi-feed has
 * kpi-service). Every service verifies Keycloak's tokens by discovery (issuer, audience kpi-suite, expiry,
 * signature), takes the tenant from the tenant_id claim and the roles from realm_access/roles; acquisition- and
 * retention-service read the change feed with a client-credentials token when the caller may not. The services
 * run with their production GraphQL settings (no introspection). Runs with {@code ./mvnw -pl deploy -Pkeycloak test}
 * after the services are packaged.
 */
@Tag("keycloak")
class KeycloakIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GATEWAY = "http://localhost:8080/graphql";
    private static final String REVENUE = "http://localhost:8081/graphql";
    private static final String MRR = "{ mrrSeries(range: {from: \"2026-01-01\", to: \"2026-02-01\"}, granularity: MONTH) { mrrEnd { amount } } }";

    private static KeycloakServer keycloak;
    private static LocalSuite suite;
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void startKeycloakAndTheSuite() throws Exception {
        keycloak = KeycloakServer.start(Path.of(System.getProperty("keycloak.home")), freePort());
        Path root = Path.of("").toAbsolutePath().getParent();
        Path dataDir = Files.createTempDirectory("kpi-keycloak-pg");
        Files.delete(dataDir);
        suite = new LocalSuite(new LocalOptions(root, dataDir, freePort(), ServiceSpec.SUITE, false, false),
                new PrintStream(new ByteArrayOutputStream()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_OIDC_PUBLIC_KEY", null);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer());
        env.put("KPI_OIDC_ISSUER", keycloak.issuer());
        env.put("KPI_SERVICE_CLIENT_ENABLED", "true");
        env.put("KPI_SERVICE_CLIENT_TOKEN_URL", keycloak.tokenEndpoint());
        env.put("KPI_SERVICE_CLIENT_ID", "kpi-feed");
        env.put("KPI_SERVICE_CLIENT_SECRET", "kpi-feed-secret");
        // the dashboard's single sign-on: the gateway's code flow with the realm's client kpi-dashboard
        env.put("KPI_DASHBOARD_SSO_ENABLED", "true");
        env.put("KPI_DASHBOARD_OIDC_CLIENT_ID", "kpi-dashboard");
        env.put("KPI_DASHBOARD_OIDC_CLIENT_SECRET", "kpi-dashboard-secret");
        // the production GraphQL settings of the packaged services, which the local runner relaxes
        env.put(LocalSuite.PROD_FIELD_VISIBILITY, null);
        env.put(LocalSuite.PROD_UI_ENABLED, null);
        suite.environmentOverrides(env);
        suite.start();

        // wes (kpi-writer only) loads acme: one plan, two customers at 100 from January
        String wes = token("wes");
        ok(wes, GATEWAY, "mutation { recordPlans(plans: [{code: \"pro\", name: \"Pro\", currency: \"USD\", price: 100, intervalMonths: 1}]) { accepted } }");
        ok(wes, GATEWAY, "mutation { recordCustomers(customers: [{externalId: \"c1\"}, {externalId: \"c2\"}]) { accepted } }");
        ok(wes, GATEWAY, """
                mutation { recordSubscriptionEvents(events: [
                  {externalId: "e1", type: STARTED, customerId: "c1", subscriptionId: "s1", effectiveAt: "2026-01-05T00:00:00Z", planCode: "pro"},
                  {externalId: "e2", type: STARTED, customerId: "c2", subscriptionId: "s2", effectiveAt: "2026-01-10T00:00:00Z", planCode: "pro"}]) { accepted } }""");
    }

    @AfterAll
    static void stopEverything() {
        if (suite != null) {
            suite.stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /**
     * The dashboard signs a user in through Keycloak: the page offers single sign-on, Keycloak's own login form takes
     * vic's password, the gateway completes the authorization code flow and hands the session's access token to the
     * page, which reads acme's MRR with it; signing out ends the Keycloak session too.
     */
    @Test
    void theDashboardSignsInThroughKeycloak() throws Exception {
        ChromeDriver browser = DashboardBrowserTest.startChromium(Files.createTempDirectory("kpi-sso-downloads"));
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://localhost:8080/");
            wait.until(d -> d.findElement(By.id("sso-sign-in")).isDisplayed());
            browser.findElement(By.id("sso-sign-in")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(keycloak.issuer()) && !d.findElements(By.id("username")).isEmpty());
            browser.findElement(By.id("username")).sendKeys("vic");
            browser.findElement(By.id("password")).sendKeys("vic-pass");
            browser.findElement(By.id("kc-login")).click();
            wait.until(d -> "acme".equals(d.findElement(By.id("tenant")).getText()));
            assertFalse(browser.getCurrentUrl().contains("code="), browser.getCurrentUrl());
            // acme's two customers pay 100 each from January 2026: the MRR of the range's last month is 200
            String last = YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(1).toString();
            wait.until(d -> d.findElement(By.id("dashboard")).getAttribute("data-range") != null);
            WebElement mrr = browser.findElement(By.cssSelector(
                    "section.panel[data-panel='mrr-arr'] tr[data-key='" + last + "'] td[data-col='mrr']"));
            assertEquals(0, new BigDecimal("200").compareTo(new BigDecimal(mrr.getAttribute("data-value"))), last);
            String token = (String) browser.executeScript("return sessionStorage.getItem('kpi.token');");
            assertEquals("kpi-dashboard", claim(token, "azp"), "a token Keycloak issued to the dashboard's client");

            browser.findElement(By.id("sign-out")).click();
            wait.until(d -> d.getCurrentUrl().startsWith("http://localhost:8080/") && d.findElement(By.id("login")).isDisplayed());
            browser.findElement(By.id("sso-sign-in")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(keycloak.issuer()) && !d.findElements(By.id("username")).isEmpty());
        } finally {
            browser.quit();
        }
    }

    private static String claim(String jwt, String name) throws Exception {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path(name).asText();
    }

    @Test
    void aViewerReadsWhatAWriterWrote() throws Exception {
        JsonNode data = ok(token("vic"), GATEWAY, MRR);
        assertAmount("200", data.at("/mrrSeries/0/mrrEnd/amount"));
        assertEquals(0, new BigDecimal("200").compareTo(ok(token("ada"), REVENUE, MRR).at("/mrrSeries/0/mrrEnd/amount").decimalValue()),
                "the service itself verifies Keycloak's token too");
    }

    @Test
    void eachRoleIsEnforcedByTheOwnerOfTheOperation() throws Exception {
        JsonNode viewerWrites = post(token("vic"), GATEWAY,
                "mutation { recordCustomers(customers: [{externalId: \"c3\"}]) { accepted } }");
        assertEquals("FORBIDDEN", viewerWrites.at("/errors/0/extensions/code").asText(), viewerWrites.toString());
        assertEquals("revenue", viewerWrites.at("/errors/0/extensions/service").asText());
        JsonNode writerReads = post(token("wes"), GATEWAY, MRR);
        assertEquals("FORBIDDEN", writerReads.at("/errors/0/extensions/code").asText(), writerReads.toString());
        JsonNode viewerSetsTargets = post(token("vic"), GATEWAY, """
                mutation { setTargets(targets: [{kpi: NRR, frequency: MONTHLY, effectiveFrom: "2026-01-01", value: 1.05, direction: AT_LEAST}]) { kpi } }""");
        assertEquals("FORBIDDEN", viewerSetsTargets.at("/errors/0/extensions/code").asText());
        assertEquals("requires role kpi-admin", viewerSetsTargets.at("/errors/0/message").asText());
        ok(token("ada"), GATEWAY, """
                mutation { setTargets(targets: [{kpi: NRR, frequency: MONTHLY, effectiveFrom: "2026-01-01", value: 1.05, direction: AT_LEAST}]) { kpi } }""");
        assertEquals("NRR", ok(token("vic"), GATEWAY, "{ targets { kpi } }").at("/targets/0/kpi").asText());
        assertEquals(1, ok(token("ada"), GATEWAY, MRR).at("/mrrSeries").size(), "nothing the refused calls tried was written");
        assertAmount("200", ok(token("ada"), GATEWAY, MRR).at("/mrrSeries/0/mrrEnd/amount"));
    }

    @Test
    void anotherTenantSeesNothing() throws Exception {
        String bea = token("bea");
        assertAmount("0", ok(bea, GATEWAY, MRR).at("/mrrSeries/0/mrrEnd/amount"));
        JsonNode guessed = post(bea, GATEWAY, "{ customerMrrHistory(customerId: \"c1\") { mrr { amount } } }");
        assertEquals("NOT_FOUND", guessed.at("/errors/0/extensions/code").asText(), guessed.toString());
        assertEquals(0, ok(bea, GATEWAY, "{ targets { kpi } }").at("/targets").size());
    }

    @Test
    void aWriterOnlyIngestionCatchesTheConsumersUpWithTheServiceClient() throws Exception {
        // wes may not read the change feed, so acquisition- and retention-service read it with kpi-feed's token
        JsonNode synced = ok(token("wes"), GATEWAY, "mutation { syncAcquisitionFeed { cursor entriesApplied lastError } "
                + "syncRetentionFeed { cursor lastError } }");
        assertTrue(synced.at("/syncAcquisitionFeed/lastError").isNull(), synced.toString());
        assertTrue(synced.at("/syncRetentionFeed/lastError").isNull(), synced.toString());
        assertEquals(2, synced.at("/syncAcquisitionFeed/entriesApplied").asInt(), synced.toString());
        assertFalse(synced.at("/syncRetentionFeed/cursor").isNull(), synced.toString());

        // the service client's token: the change feed of the tenant it names, and nothing else
        String service = clientCredentials();
        JsonNode feed = postTo(service, REVENUE, "{ changeFeed { entries { cursor } } }", Map.of("X-Kpi-Tenant", "acme"));
        assertEquals(2, feed.at("/data/changeFeed/entries").size(), feed.toString());
        JsonNode plans = postTo(service, REVENUE, "{ plans { code } }", Map.of("X-Kpi-Tenant", "acme"));
        assertEquals("FORBIDDEN", plans.at("/errors/0/extensions/code").asText(), plans.toString());
        JsonNode noTenant = postTo(service, REVENUE, "{ changeFeed { entries { cursor } } }", Map.of());
        assertEquals("UNAUTHENTICATED", noTenant.at("/errors/0/extensions/code").asText(), noTenant.toString());
    }

    @Test
    void tokensKeycloakDidNotIssueForTheSuiteAreRefused() throws Exception {
        assertEquals(401, status(null, GATEWAY, MRR));
        assertEquals(401, status(null, REVENUE, MRR));
        String vic = token("vic");
        String[] parts = vic.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertEquals(401, status(forged, GATEWAY, MRR), "a bad signature");
        // admin-cli is a client of the same realm whose tokens are not meant for the suite (no kpi-suite audience)
        String otherAudience = password("admin-cli", "vic");
        assertEquals(401, status(otherAudience, GATEWAY, MRR), "another audience");
        assertEquals(401, status(otherAudience, REVENUE, MRR), "another audience");
    }

    @Test
    void productionSettingsHideTheSchemaButNotTheSubgraphSdl() throws Exception {
        String ada = token("ada");
        JsonNode introspection = post(ada, GATEWAY, "{ __schema { queryType { name } } }");
        assertEquals("VALIDATION", introspection.at("/errors/0/extensions/code").asText(), introspection.toString());
        JsonNode atService = postTo(ada, REVENUE, "{ __schema { queryType { name } } }", Map.of());
        assertFalse(atService.path("errors").isEmpty(), atService.toString());
        JsonNode sdl = postTo(ada, REVENUE, "{ _service { sdl } }", Map.of());
        assertTrue(sdl.at("/data/_service/sdl").asText().contains("type Customer"), sdl.toString());
    }

    // ---------------------------------------------------------------- helpers

    private static String token(String user) throws Exception {
        synchronized (TOKENS) {
            String cached = TOKENS.get(user);
            if (cached == null) {
                cached = password("kpi-app", user);
                TOKENS.put(user, cached);
            }
            return cached;
        }
    }

    private static String password(String client, String user) throws Exception {
        return tokenFrom(Map.of("grant_type", "password", "client_id", client, "username", user, "password", user + "-pass"));
    }

    private static String clientCredentials() throws Exception {
        return tokenFrom(Map.of("grant_type", "client_credentials", "client_id", "kpi-feed", "client_secret", "kpi-feed-secret"));
    }

    private static String tokenFrom(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        String token = JSON.readTree(response.body()).path("access_token").asText();
        assertNotNull(token);
        return token;
    }

    private static JsonNode ok(String token, String url, String query) throws Exception {
        JsonNode answer = postTo(token, url, query, Map.of());
        assertTrue(answer.path("errors").isMissingNode() || answer.path("errors").isEmpty(), answer.toString());
        return answer.get("data");
    }

    private static JsonNode post(String token, String url, String query) throws Exception {
        return postTo(token, url, query, Map.of());
    }

    private static JsonNode postTo(String token, String url, String query, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = send(token, url, query, headers);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static int status(String token, String url, String query) throws Exception {
        return send(token, url, query, Map.of()).statusCode();
    }

    private static HttpResponse<String> send(String token, String url, String query, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAmount(String expected, JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), "expected " + expected + ", got " + actual);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
