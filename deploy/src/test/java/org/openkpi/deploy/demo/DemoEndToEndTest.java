package org.openkpi.deploy.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openkpi.deploy.LocalKeys;
import org.openkpi.deploy.LocalOptions;
import org.openkpi.deploy.LocalSuite;
import org.openkpi.deploy.LocalTokens;
import org.openkpi.deploy.ServiceSpec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo company end to end: the local runner starts the whole suite over a fresh embedded PostgreSQL and, as on a
 * first start, loads a small demo company (seed 7, 40 customers, ending 2026-07-01) through the services' GraphQL
 * ingestion API; every monthly figure the generator expects is then read back through the gateway (revenue, retention,
 * acquisition, support, the scorecard's alerts), and a second load changes nothing.
 *
 * <p>Needs the services built and the ports 8080-8084 free (as SuiteEndToEndTest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {

    static final LocalDate END = LocalDate.parse("2026-07-01");
    static final long SEED = 7;
    static final int CUSTOMERS = 40;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String GATEWAY = "http://localhost:8080/graphql";

    private static LocalSuite suite;
    private static LocalOptions options;
    private static Optional<DemoLoader.Summary> firstLoad;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final DemoFacts DEMO = DemoCompany.generate(new DemoSpec(SEED, CUSTOMERS, END));

    @BeforeAll
    static void startSuiteAndLoadTheDemo() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path dataDir = Files.createTempDirectory("kpi-demo-pg");
        Files.delete(dataDir); // the runner initialises a fresh data directory
        options = new LocalOptions(root, dataDir, freePort(), ServiceSpec.SUITE, false, false, true, SEED, CUSTOMERS);
        suite = new LocalSuite(options, new PrintStream(LOG, true, StandardCharsets.UTF_8));
        suite.start();
        firstLoad = suite.loadDemoIfFirstStart(END);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.stop();
        }
        System.out.print(LOG.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void theFirstStartLoadedEveryFactWithProgress() {
        assertTrue(firstLoad.isPresent(), LOG.toString(StandardCharsets.UTF_8));
        DemoLoader.Summary summary = firstLoad.get();
        assertEquals(0, summary.replaced());
        assertEquals(0, summary.unchanged(), "nothing twice in a fresh tenant");
        for (DemoFacts.Kind kind : DemoFacts.Kind.values()) {
            if (kind != DemoFacts.Kind.ACTIVITY) { // activity counts (day, user) pairs
                assertEquals(DEMO.of(kind).size(), summary.results().get(kind)[0], kind.name());
            }
        }
        assertTrue(summary.feedEntriesApplied() > 0);
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("subscription events"), log);
        assertTrue(log.contains("Demo company loaded in"), log);
        assertTrue(log.contains("tenant \"demo\""), log);
    }

    @Test
    @Order(2)
    void everyFigureIsTheGeneratorsExpectation() throws Exception {
        assertFigures();
    }

    @Test
    @Order(3)
    void theScorecardFiresTheExpectedAlerts() throws Exception {
        JsonNode card = ok("""
                { scorecard(frequency: MONTHLY, asOf: "2026-07-01") { period { start }
                    entries { kpi actual target { value } status }
                    alerts { rule { externalId } } } }""").at("/scorecard");
        assertEquals("2026-06-01", card.at("/period/start").asText());
        DemoFigures.Month june = DEMO.figures().month(DEMO.figures().scoredMonth());
        List<String> predicted = List.of(DemoCompany.ALERT_LOGO_CHURN, DemoCompany.ALERT_MRR_SHRINKING, DemoCompany.ALERT_NRR,
                DemoCompany.ALERT_CSAT);
        List<String> fired = new ArrayList<>();
        card.at("/alerts").forEach(a -> {
            String id = a.at("/rule/externalId").asText();
            if (predicted.contains(id)) {
                fired.add(id);
            }
        });
        assertEquals(DEMO.figures().firingAlerts(), fired);
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        card.at("/entries").forEach(e -> entries.put(e.get("kpi").asText(), e));
        assertDecimal(june.mrrEnd(), entries.get("MRR").get("actual"), "MRR");
        assertDecimal((BigDecimal) DEMO.targets().get(0).get("value"), entries.get("MRR").at("/target/value"), "MRR target");
        assertEquals("AT_RISK", entries.get("MRR").get("status").asText(), "the target is 5% above June's MRR");
        assertDecimal(june.logoChurnRate(), entries.get("LOGO_CHURN").get("actual"), "logo churn");
        assertDecimal(june.csat(), entries.get("CSAT").get("actual"), "CSAT");
    }

    @Test
    @Order(4)
    void loadingTwiceChangesNothing() throws Exception {
        String token = LocalTokens.forTenant(LocalKeys.loadOrCreate(options.keysDir()).getPrivate(), LocalTokens.DEMO_TENANT,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        DemoLoader.Summary again = new DemoLoader(DemoLoader.Endpoints.local(), token,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).load(DEMO);
        assertEquals(0, again.accepted(), "every fact is known by its external id");
        assertEquals(0, again.replaced());
        assertEquals(DEMO.count(), again.unchanged());
        assertFigures();
        JsonNode gateway = ok("{ targets { kpi } alertRules { externalId } }");
        assertEquals(DEMO.targets().size(), gateway.at("/targets").size());
        assertEquals(DEMO.alertRules().size(), gateway.at("/alertRules").size());
    }

    @Test
    @Order(5)
    void aLaterStartOverTheSameDataLoadsNothing() throws Exception {
        suite.stop();
        suite = new LocalSuite(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        suite.start();
        assertTrue(suite.loadDemoIfFirstStart(END).isEmpty(), "the databases were there already");
        warmUp();
        assertFigures();
    }

    // ---------------------------------------------------------------- the figures, through the gateway

    static void assertFigures() throws Exception {
        String range = "{from: \"" + DEMO.spec().firstDay() + "\", to: \"" + END + "\"}";
        JsonNode data = ok("{ mrrSeries(range: " + range + ", granularity: MONTH) { period { start } mrrEnd { amount currency }"
                + " payingCustomersEnd newCustomers churnedCustomers reactivatedCustomers }"
                + " retentionSeries(range: " + range + ", granularity: MONTH) { payingCustomersStart churnedCustomers"
                + " nrr { numerator denominator } }"
                + " funnel(range: " + range + ", granularity: MONTH) { trials visitors newPayingCustomers }"
                + " npsSeries(range: " + range + ", granularity: MONTH) { responses promoters detractors }"
                + " supportSeries(range: " + range + ", granularity: MONTH) { ticketsCreated csat { numerator denominator } } }");
        List<DemoFigures.Month> months = DEMO.figures().months();
        for (String series : List.of("mrrSeries", "retentionSeries", "funnel", "npsSeries", "supportSeries")) {
            assertEquals(24, data.get(series).size(), series);
        }
        for (int i = 0; i < months.size(); i++) {
            DemoFigures.Month m = months.get(i);
            String at = " in " + m.month();
            JsonNode revenue = data.at("/mrrSeries/" + i);
            assertEquals(m.month().atDay(1).toString(), revenue.at("/period/start").asText());
            assertDecimal(m.mrrEnd(), revenue.at("/mrrEnd/amount"), "MRR" + at);
            assertEquals("USD", revenue.at("/mrrEnd/currency").asText());
            assertEquals(m.payingEnd(), revenue.at("/payingCustomersEnd").asInt(), "paying customers" + at);
            assertEquals(m.newCustomers(), revenue.at("/newCustomers").asInt(), "new customers" + at);
            assertEquals(m.churnedCustomers(), revenue.at("/churnedCustomers").asInt(), "churned customers" + at);
            assertEquals(m.reactivatedCustomers(), revenue.at("/reactivatedCustomers").asInt(), "reactivations" + at);

            JsonNode retention = data.at("/retentionSeries/" + i);
            assertEquals(m.payingStart(), retention.at("/payingCustomersStart").asInt(), "retention paying at start" + at);
            assertEquals(m.retentionChurned(), retention.at("/churnedCustomers").asInt(), "retention churned" + at);
            assertDecimal(m.retainedMrr(), retention.at("/nrr/numerator"), "NRR numerator" + at);
            assertDecimal(m.mrrStart(), retention.at("/nrr/denominator"), "NRR denominator" + at);

            JsonNode funnel = data.at("/funnel/" + i);
            assertEquals(m.trials(), funnel.at("/trials").asLong(), "trials" + at);
            assertEquals(m.visitors(), funnel.at("/visitors").asLong(), "visitors" + at);
            assertEquals(m.newCustomers(), funnel.at("/newPayingCustomers").asLong(), "acquisition's new paying customers" + at);

            JsonNode nps = data.at("/npsSeries/" + i);
            assertEquals(m.npsResponses(), nps.at("/responses").asInt(), "NPS responses" + at);
            assertEquals(m.promoters(), nps.at("/promoters").asInt(), "promoters" + at);
            assertEquals(m.detractors(), nps.at("/detractors").asInt(), "detractors" + at);

            JsonNode support = data.at("/supportSeries/" + i);
            assertEquals(m.ticketsCreated(), support.at("/ticketsCreated").asInt(), "tickets" + at);
            assertDecimal(BigDecimal.valueOf(m.csatSatisfied()), support.at("/csat/numerator"), "CSAT satisfied" + at);
            assertDecimal(BigDecimal.valueOf(m.csatResponses()), support.at("/csat/denominator"), "CSAT responses" + at);
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Right after a start the services' JITs are cold and acquisition catches up with the feed on its first request, so
     * the gateway's 5 s per-service timeout may pass: ask until every service answers (at most a minute).
     */
    private static void warmUp() throws Exception {
        String range = "{from: \"" + DEMO.spec().firstDay() + "\", to: \"" + END + "\"}";
        String query = "{ mrrSeries(range: " + range + ", granularity: MONTH) { newCustomers }"
                + " retentionSeries(range: " + range + ", granularity: MONTH) { churnedCustomers }"
                + " funnel(range: " + range + ", granularity: MONTH) { trials }"
                + " supportSeries(range: " + range + ", granularity: MONTH) { ticketsCreated } }";
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            JsonNode answer = post(query);
            if (answer.path("errors").isMissingNode() || answer.path("errors").isEmpty() || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(1_000);
        }
    }

    private static void assertDecimal(BigDecimal expected, JsonNode actual, String what) {
        assertNotNull(expected, what);
        assertFalse(actual == null || actual.isMissingNode() || actual.isNull(), what + ": expected " + expected + ", got " + actual);
        assertEquals(0, expected.compareTo(actual.decimalValue()), what + ": expected " + expected + ", got " + actual);
    }

    static JsonNode ok(String query) throws Exception {
        JsonNode answer = post(query);
        assertTrue(answer.path("errors").isMissingNode() || answer.path("errors").isEmpty(), answer.toString());
        return answer.get("data");
    }

    static JsonNode post(String query) throws Exception {
        String token = LocalTokens.forTenant(LocalKeys.loadOrCreate(options.keysDir()).getPrivate(), LocalTokens.DEMO_TENANT,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        HttpRequest request = HttpRequest.newBuilder(URI.create(GATEWAY)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
