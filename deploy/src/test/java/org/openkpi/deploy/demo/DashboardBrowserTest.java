package org.openkpi.deploy.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openkpi.deploy.LocalKeys;
import org.openkpi.deploy.LocalOptions;
import org.openkpi.deploy.LocalSuite;
import org.openkpi.deploy.LocalTokens;
import org.openkpi.deploy.ServiceSpec;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dashboard the gateway serves at http://localhost:8080/, in a real browser: the local runner starts the suite
 * over a fresh embedded PostgreSQL and loads the demo company (seed 7, 40 customers, ending 2026-07-01) as
 * DemoEndToEndTest does; headless Chromium, driven through Selenium, signs in with the demo token, sets the toolbar
 * and reads the panels through the page's DOM contract (data-* attributes: the raw values), comparing them with the
 * generator's own figures ({@link DemoFigures}), with the gateway's GraphQL answers, and with the CSV files the page
 * downloads. A screenshot of every step (and of a failure) goes to deploy/target/dashboard-screenshots/.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (/usr/bin/chromium, /usr/bin/chromedriver; .ci/run
 * installs them), or the browser and driver named by KPI_CHROME_BINARY and KPI_CHROMEDRIVER: Selenium is pointed at
 * both, so it never downloads a browser or driver, and the test fails when they are missing. Needs the services built and the ports 8080-8084 free (as DemoEndToEndTest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class DashboardBrowserTest {

    /** Debian's Chromium and its driver; KPI_CHROME_BINARY / KPI_CHROMEDRIVER point elsewhere (a hosted runner's Chrome). */
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("KPI_CHROME_BINARY", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("KPI_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final String DASHBOARD = "http://localhost:8080/";
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots").toAbsolutePath();

    static final LocalDate END = DemoEndToEndTest.END;
    static final String FROM = "2025-07-01";
    static final String TO = "2026-07-01";
    /** The customer 360 and the gateway are compared at the end of the last day with facts. */
    static final String AS_OF = "2026-06-30";
    /** Right after a start the services are cold: the first answers may take long. */
    static final Duration FIRST_LOAD = Duration.ofSeconds(60);
    static final Duration LOAD = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final DemoFacts DEMO = DemoCompany.generate(new DemoSpec(DemoEndToEndTest.SEED, DemoEndToEndTest.CUSTOMERS, END));
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final AtomicInteger SHOTS = new AtomicInteger();

    private static LocalSuite suite;
    private static LocalOptions options;
    private static String token;
    private static ChromeDriver driver;
    private static Path downloads;
    private static boolean signedIn;

    /** A screenshot of the page as it is when a step fails. */
    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            shot(context.getRequiredTestMethod().getName() + "-FAILED");
        }
    };

    @BeforeAll
    static void startSuiteAndBrowser() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the dashboard test needs Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        assertEquals(List.of(), otherSuites(), "another run of the suite (the local runner or a service) is going: this test "
                + "starts its own on the fixed ports 8080-8084 and loads the demo through them; stop it first");
        Files.createDirectories(SCREENSHOTS);
        try (Stream<Path> old = Files.list(SCREENSHOTS)) {
            for (Path png : old.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.delete(png);
            }
        }
        downloads = Files.createTempDirectory("kpi-dashboard-downloads");
        driver = startChromium(downloads);

        Path root = Path.of("").toAbsolutePath().getParent();
        Path dataDir = Files.createTempDirectory("kpi-dashboard-pg");
        Files.delete(dataDir); // the runner initialises a fresh data directory
        options = new LocalOptions(root, dataDir, freePort(), ServiceSpec.SUITE, false, false, true, DemoEndToEndTest.SEED,
                DemoEndToEndTest.CUSTOMERS);
        suite = new LocalSuite(options, new PrintStream(LOG, true, StandardCharsets.UTF_8));
        suite.start();
        // a run started at the same time may have won the ports while ours were booting: then the readiness checks
        // saw its services, and loading the demo would write into its tenant
        assertEquals(List.of(), otherSuites(), "another run of the suite started meanwhile and may hold the ports");
        assertTrue(suite.loadDemoIfFirstStart(END).isPresent(), "the demo company was not loaded");
        token = LocalTokens.forTenant(LocalKeys.loadOrCreate(options.keysDir()).getPrivate(), LocalTokens.DEMO_TENANT,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        warmUp();
    }

    /**
     * Processes of a suite this JVM did not start: a local runner, or a service started from its module's build (on the
     * fixed ports; a copy elsewhere, as the benchmarks start on free ports, does not count).
     */
    static List<String> otherSuites() {
        long self = ProcessHandle.current().pid();
        List<String> builds = ServiceSpec.SUITE.stream().map(s -> "/" + s.name() + "/target/quarkus-app/quarkus-run.jar").toList();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine()
                        .map(c -> c.contains("deploy-local-runner.jar") || builds.stream().anyMatch(c::contains)).orElse(false))
                .filter(p -> p.parent().map(parent -> parent.pid() != self).orElse(true))
                .map(p -> p.pid() + ": " + p.info().commandLine().orElse("?")).toList();
    }

    @AfterAll
    static void stopBrowserAndSuite() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (suite != null) {
                suite.stop();
                deleteTree(options.dataDir());
            }
            if (downloads != null) {
                deleteTree(downloads);
            }
            System.out.print(LOG.toString(StandardCharsets.UTF_8));
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    /**
     * Headless Chromium through the system's chromedriver. The driver service is given its executable, so Selenium's
     * DriverFinder never calls Selenium Manager (no download of a driver or browser), and the browser binary is fixed
     * in the options. Downloads go to {@code downloads} without a prompt.
     */
    public static ChromeDriver startChromium(Path downloads) throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toAbsolutePath().toFile())
                .build();
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM.toFile());
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000",
                "--lang=en-US", "--no-first-run", "--no-default-browser-check");
        Map<String, Object> prefs = new LinkedHashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("download.directory_upgrade", true);
        prefs.put("profile.default_content_setting_values.automatic_downloads", 1);
        chrome.setExperimentalOption("prefs", prefs);
        ChromeDriver chromium = new ChromeDriver(service, chrome);
        chromium.manage().timeouts().pageLoadTimeout(FIRST_LOAD).scriptTimeout(Duration.ofSeconds(30));
        return chromium;
    }

    // ---------------------------------------------------------------- the steps

    @Test
    @Order(1)
    void signsInWithThePastedToken() {
        driver.get(DASHBOARD);
        await("the sign-in form form#login", FIRST_LOAD, d -> displayed(By.cssSelector("form#login")));
        WebElement login = driver.findElement(By.cssSelector("form#login"));
        shot("login-page");
        WebElement textarea = login.findElement(By.cssSelector("textarea#token"));
        textarea.clear();
        textarea.sendKeys("not-a-token");
        driver.findElement(By.cssSelector("#sign-in")).click();
        await("a message in #login-error for a refused token", LOAD, d -> {
            String message = text(By.cssSelector("#login-error"));
            return message != null && !message.isEmpty();
        });
        assertTrue(displayed(By.cssSelector("form#login")), "still signed out");
        textarea.clear();
        textarea.sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in")).click();
        await("#tenant reading \"demo\"", FIRST_LOAD, d -> "demo".equals(text(By.cssSelector("#tenant"))));
        assertNotNull(driver.findElement(By.cssSelector("form#login")).getAttribute("hidden"), "form#login is hidden once signed in");
        assertTrue(driver.findElement(By.cssSelector("button#sign-out")).isDisplayed(), "button#sign-out");
        signedIn = true;
        shot("signed-in");
    }

    @Test
    @Order(2)
    void theScorecardJudgesJune() throws Exception {
        signedInDashboard();
        applyState(FROM, TO, "MONTH", "", "");
        shot("year-by-month");
        assertEquals("2026-06-01 – 2026-07-01", text(By.cssSelector("#scorecard-period")).replaceAll("\\s+", " "),
                "#scorecard-period");
        Panel card = panel("scorecard");
        DemoFigures.Month june = DEMO.figures().month(YearMonth.parse("2026-06"));
        assertValue(june.mrrEnd(), card.cell("MRR", "actual"), "scorecard MRR actual");
        assertValue((BigDecimal) DEMO.targets().get(0).get("value"), card.cell("MRR", "target"), "scorecard MRR target");
        assertEquals("AT_RISK", card.row("MRR").status(), "MRR status: the target is 5% above June's MRR");
        assertValue(june.logoChurnRate(), card.cell("LOGO_CHURN", "actual"), "scorecard LOGO_CHURN actual");
        assertValue(june.csat(), card.cell("CSAT", "actual"), "scorecard CSAT actual");

        List<String> predicted = List.of(DemoCompany.ALERT_LOGO_CHURN, DemoCompany.ALERT_MRR_SHRINKING, DemoCompany.ALERT_NRR,
                DemoCompany.ALERT_CSAT);
        List<String> shown = driver.findElements(By.cssSelector("ul#alerts li[data-rule]")).stream()
                .map(li -> li.getAttribute("data-rule")).toList();
        assertEquals(new TreeSet<>(DEMO.figures().firingAlerts()),
                shown.stream().filter(predicted::contains).collect(Collectors.toCollection(TreeSet::new)),
                "the predicted alerts among ul#alerts li[data-rule] " + shown);
        // and every alert (also those on KPIs the generator does not predict) is the gateway's
        Set<String> firing = new TreeSet<>();
        ok("{ scorecard(frequency: MONTHLY, asOf: \"" + TO + "\") { alerts { rule { externalId } } } }").at("/scorecard/alerts")
                .forEach(a -> firing.add(a.at("/rule/externalId").asText()));
        assertEquals(firing, new TreeSet<>(shown), "ul#alerts li[data-rule]: the scorecard's firing alerts");
    }

    @Test
    @Order(3)
    void theChartsShowTheDemosMonths() {
        signedInDashboard();
        applyState(FROM, TO, "MONTH", "", "");
        List<DemoFigures.Month> months = months(FROM, TO);
        assertEquals(12, months.size());
        // every panel of the contract is there and none failed
        for (String id : List.of("scorecard", "mrr-movements", "mrr-arr", "nrr-grr", "logo-churn", "funnel", "cac-by-channel",
                "unit-economics", "cohorts", "support-times", "csat", "agent-load", "churn-risk")) {
            assertFalse(panel(id, "ready", "empty").keys().isEmpty(), "panel " + id + " has rows for the demo's year");
            assertEquals(1, driver.findElements(By.cssSelector("section.panel[data-panel=\"" + id + "\"] button.csv")).size(),
                    "button.csv of " + id);
        }

        Panel mrrArr = panel("mrr-arr");
        assertEquals(monthStarts(months), mrrArr.keys(), "mrr-arr rows");
        for (DemoFigures.Month m : months) {
            String key = m.month().atDay(1).toString();
            assertValue(m.mrrEnd(), mrrArr.cell(key, "mrr"), "mrr-arr mrr of " + key);
            assertValue(m.mrrEnd().multiply(BigDecimal.valueOf(12)), mrrArr.cell(key, "arr"), "mrr-arr arr of " + key);
            assertValue(BigDecimal.valueOf(m.payingEnd()), mrrArr.cell(key, "payingCustomers"), "paying customers of " + key);
        }
        assertChartDrawn("mrr-arr");

        Panel churn = panel("logo-churn");
        assertEquals(monthStarts(months), churn.keys(), "logo-churn rows");
        for (DemoFigures.Month m : months) {
            String key = m.month().atDay(1).toString();
            assertValue(BigDecimal.valueOf(m.retentionChurned()), churn.cell(key, "churnedCustomers"), "churned customers of " + key);
            assertValue(BigDecimal.valueOf(m.payingStart()), churn.cell(key, "payingCustomersStart"), "paying at start of " + key);
            assertValue(m.logoChurnRate(), churn.cell(key, "logoChurnRate"), "logo churn rate of " + key);
        }
        assertChartDrawn("logo-churn");

        Panel csat = panel("csat");
        assertEquals(monthStarts(months), csat.keys(), "csat rows");
        for (DemoFigures.Month m : months) {
            String key = m.month().atDay(1).toString();
            assertValue(BigDecimal.valueOf(m.ticketsCreated()), csat.cell(key, "ticketsCreated"), "tickets created in " + key);
            assertValue(m.csat(), csat.cell(key, "csat"), "CSAT of " + key);
        }
        assertChartDrawn("csat");

        Panel funnel = panel("funnel");
        assertEquals(BigDecimal.valueOf(months.stream().mapToLong(DemoFigures.Month::trials).sum()), funnel.sum("trials"),
                "funnel: trials of every channel over the year");
        assertEquals(BigDecimal.valueOf(months.stream().mapToLong(DemoFigures.Month::visitors).sum()), funnel.sum("visitors"),
                "funnel: visitors of every channel over the year");
        assertEquals(BigDecimal.valueOf(months.stream().mapToLong(DemoFigures.Month::newCustomers).sum()),
                funnel.sum("newPayingCustomers"), "funnel: new paying customers over the year");
        assertChartDrawn("funnel");

        Panel movements = panel("mrr-movements");
        assertEquals(monthStarts(months), movements.keys(), "mrr-movements rows");
        for (DemoFigures.Month m : months) {
            String key = m.month().atDay(1).toString();
            BigDecimal netNew = decimal(movements.cell(key, "netNew"), "netNew of " + key);
            assertValue(m.mrrEnd().subtract(m.mrrStart()), movements.cell(key, "netNew"), "net new MRR of " + key);
            BigDecimal sum = BigDecimal.ZERO;
            for (String col : List.of("new", "expansion", "contraction", "churn", "reactivation")) {
                sum = sum.add(decimal(movements.cell(key, col), col + " of " + key));
            }
            assertEquals(0, netNew.compareTo(sum), "the movements of " + key + " add up to netNew: " + movements.row(key));
            assertTrue(decimal(movements.cell(key, "churn"), "churn").signum() <= 0, "churn is negative: " + movements.row(key));
            assertTrue(decimal(movements.cell(key, "contraction"), "contraction").signum() <= 0,
                    "contraction is negative: " + movements.row(key));
        }
        assertChartDrawn("mrr-movements");
        shot("charts-year-by-month");
    }

    @Test
    @Order(4)
    void anotherPeriodChangesTheNumbers() {
        signedInDashboard();
        applyState(FROM, TO, "QUARTER", "", "");
        shot("year-by-quarter");
        List<DemoFigures.Month> months = months(FROM, TO);
        Panel mrrArr = panel("mrr-arr");
        Panel csat = panel("csat");
        Panel movements = panel("mrr-movements");
        assertEquals(List.of("2025-07-01", "2025-10-01", "2026-01-01", "2026-04-01"), mrrArr.keys(), "mrr-arr rows by quarter");
        for (int q = 0; q < 4; q++) {
            List<DemoFigures.Month> quarter = months.subList(3 * q, 3 * q + 3);
            String key = quarter.get(0).month().atDay(1).toString();
            assertValue(quarter.get(2).mrrEnd(), mrrArr.cell(key, "mrr"), "MRR at the end of the quarter " + key);
            assertValue(BigDecimal.valueOf(quarter.stream().mapToInt(DemoFigures.Month::ticketsCreated).sum()),
                    csat.cell(key, "ticketsCreated"), "tickets created in the quarter " + key);
            assertValue(quarter.get(2).mrrEnd().subtract(quarter.get(0).mrrStart()), movements.cell(key, "netNew"),
                    "net new MRR of the quarter " + key);
        }
        assertEquals(4, csat.keys().size(), "csat rows by quarter");
        assertEquals(4, movements.keys().size(), "mrr-movements rows by quarter");

        // the state in the URL: navigating to it while signed in loads it, and the toolbar shows it
        String from = "2026-01-01";
        driver.get(DASHBOARD + "#/dashboard?from=" + from + "&to=" + TO + "&granularity=MONTH");
        String range = from + "/" + TO + "/MONTH//";
        await("main#dashboard[data-range=\"" + range + "\"] after navigating to its URL", LOAD,
                d -> range.equals(d.findElement(By.cssSelector("main#dashboard")).getAttribute("data-range")));
        assertEquals(from, driver.findElement(By.cssSelector("input#from")).getAttribute("value"), "input#from from the URL");
        assertEquals(TO, driver.findElement(By.cssSelector("input#to")).getAttribute("value"), "input#to from the URL");
        assertEquals("MONTH", new Select(driver.findElement(By.cssSelector("select#granularity"))).getFirstSelectedOption()
                .getAttribute("value"), "select#granularity from the URL");
        shot("half-year-by-month");
        List<DemoFigures.Month> half = months(from, TO);
        mrrArr = panel("mrr-arr");
        assertEquals(monthStarts(half), mrrArr.keys(), "mrr-arr rows of the half year");
        for (DemoFigures.Month m : half) {
            String key = m.month().atDay(1).toString();
            assertValue(m.mrrEnd(), mrrArr.cell(key, "mrr"), "mrr-arr mrr of " + key);
        }
        assertEquals(BigDecimal.valueOf(half.stream().mapToLong(DemoFigures.Month::trials).sum()), panel("funnel").sum("trials"),
                "funnel: trials of the half year");
        assertEquals(6, panel("csat").keys().size(), "csat rows of the half year");
    }

    @Test
    @Order(5)
    void aPlanFilterSplitsTheMrr() {
        signedInDashboard();
        applyState(FROM, TO, "MONTH", "", "");
        Panel all = panel("mrr-arr");
        List<String> keys = all.keys();
        assertEquals(12, keys.size());

        new Select(driver.findElement(By.cssSelector("select#dimension"))).selectByValue("PLAN");
        List<String> plans = await("the plans in select#dimension-value", LOAD, d -> {
            List<String> values = optionValues("select#dimension-value");
            return values.isEmpty() ? null : values;
        });
        Set<String> demoPlans = DEMO.of(DemoFacts.Kind.PLANS).stream().map(p -> (String) p.get("code"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(demoPlans, new TreeSet<>(plans), "select#dimension-value lists the demo's plans");

        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        keys.forEach(k -> sums.put(k, BigDecimal.ZERO));
        boolean smaller = false;
        for (String plan : plans) {
            applyState(FROM, TO, "MONTH", "PLAN", plan);
            if (plan.equals("pro-monthly")) {
                shot("filtered-plan-pro-monthly");
            }
            Panel filtered = panel("mrr-arr", "ready", "empty");
            if (filtered.state().equals("empty")) {
                continue;
            }
            assertEquals(keys, filtered.keys(), "mrr-arr rows with plan " + plan);
            for (String key : keys) {
                BigDecimal part = decimal(filtered.cell(key, "mrr"), "mrr of plan " + plan + " in " + key);
                BigDecimal whole = decimal(all.cell(key, "mrr"), "mrr in " + key);
                assertTrue(part.signum() >= 0 && part.compareTo(whole) <= 0,
                        "plan " + plan + " in " + key + ": " + part + " is a part of " + whole);
                smaller |= part.compareTo(whole) < 0;
                sums.merge(key, part, BigDecimal::add);
            }
        }
        assertTrue(smaller, "a plan filter shows less MRR than the whole");
        for (String key : keys) {
            assertValue(sums.get(key), all.cell(key, "mrr"), "the MRR of every plan adds up to the whole in " + key);
        }
        applyState(FROM, TO, "MONTH", "", "");
        assertEquals(all.rows(), panel("mrr-arr").rows(), "without the filter the whole is back");
    }

    @Test
    @Order(6)
    void aCustomer360FromTheChurnRiskListAndTheSearch() throws Exception {
        signedInDashboard();
        applyState(FROM, TO, "MONTH", "", "");
        Panel risk = panel("churn-risk");
        assertFalse(risk.keys().isEmpty(), "the demo has customers at risk");
        WebElement link = driver.findElement(By.cssSelector("section.panel[data-panel=churn-risk] a.customer-link"));
        String href = link.getAttribute("href");
        assertTrue(href.contains("#/customer/"), "a.customer-link to #/customer/<id>: " + href);
        String atRisk = java.net.URLDecoder.decode(href.substring(href.indexOf("#/customer/") + "#/customer/".length())
                .replaceFirst("[?].*$", ""), StandardCharsets.UTF_8);
        assertTrue(risk.keys().contains(atRisk), href + " is one of the list's customers " + risk.keys());
        link.click();
        assertCustomer360(atRisk);
        shot("customer-360-from-churn-risk");
        driver.findElement(By.cssSelector("a#back-to-dashboard")).click();
        await("main#dashboard again", LOAD, d -> displayed(By.cssSelector("main#dashboard")));

        String searched = DEMO.of(DemoFacts.Kind.CUSTOMERS).stream().map(c -> (String) c.get("externalId"))
                .filter(id -> !id.equals(atRisk)).findFirst().orElseThrow();
        WebElement search = driver.findElement(By.cssSelector("input#customer-search"));
        search.clear();
        search.sendKeys(searched, Keys.ENTER);
        assertCustomer360(searched);
        shot("customer-360-from-search");
        driver.findElement(By.cssSelector("a#back-to-dashboard")).click();
        await("main#dashboard again", LOAD, d -> displayed(By.cssSelector("main#dashboard")));
    }

    @Test
    @Order(7)
    void theCsvFilesHoldTheTablesValues() throws Exception {
        signedInDashboard();
        applyState(FROM, TO, "MONTH", "", "");
        for (String id : List.of("mrr-arr", "mrr-movements")) {
            Panel table = panel(id);
            Path file = download(id, id + "_" + FROM + "_" + TO + "_month.csv");
            List<List<String>> csv = parseCsv(Files.readString(file, StandardCharsets.UTF_8));
            List<String> header = csv.get(0);
            String where = file.getFileName() + " " + header;
            assertEquals(List.of("period_start", "period_end_exclusive"), header.subList(0, 2), where);
            assertTrue(header.contains("currency"), "a currency column in " + where);
            List<String> columns = table.rows().values().iterator().next().keySet().stream().toList();
            // the CSV names a column as the table's data-col in snake_case (payingCustomers: paying_customers)
            Map<String, Integer> index = new LinkedHashMap<>();
            for (String col : columns) {
                String snake = col.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
                int at = header.indexOf(snake);
                assertTrue(at >= 0, "column " + col + " of the table in " + where);
                index.put(col, at);
            }
            List<List<String>> rows = csv.subList(1, csv.size());
            assertEquals(12, rows.size(), "rows of " + where);
            assertEquals(List.of("2025-07-01", "2025-08-01"), rows.get(0).subList(0, 2), "the first period of " + where);
            for (int i = 0; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                assertEquals(header.size(), row.size(), "cells of row " + i + " of " + where + ": " + row);
                YearMonth month = YearMonth.parse(FROM.substring(0, 7)).plusMonths(i);
                assertEquals(month.atDay(1).toString(), row.get(0), where + " row " + i);
                assertEquals(month.plusMonths(1).atDay(1).toString(), row.get(1), where + " row " + i);
                assertEquals("USD", row.get(header.indexOf("currency")), where + " row " + i);
                for (String col : columns) {
                    String inTable = table.cell(row.get(0), col);
                    String inCsv = row.get(index.get(col));
                    assertTrue(sameValue(inTable, inCsv), where + " row " + row.get(0) + " column " + col + ": csv " + inCsv
                            + ", table " + inTable);
                }
            }
        }
        // a table over the whole range (by channel) carries the range as its period, then its key
        List<List<String>> funnel = parseCsv(Files.readString(download("funnel", "funnel_" + FROM + "_" + TO + "_month.csv"),
                StandardCharsets.UTF_8));
        assertEquals(List.of("period_start", "period_end_exclusive", "channel", "visitors", "trials"),
                funnel.get(0).subList(0, 5), "funnel CSV header");
        long trials = 0;
        for (List<String> row : funnel.subList(1, funnel.size())) {
            assertEquals(List.of(FROM, TO), row.subList(0, 2), "the range of funnel row " + row);
            trials += Long.parseLong(row.get(4));
        }
        List<DemoFigures.Month> year = DEMO.figures().months().stream()
                .filter(m -> !m.month().isBefore(YearMonth.parse(FROM.substring(0, 7)))
                        && m.month().isBefore(YearMonth.parse(TO.substring(0, 7))))
                .toList();
        assertEquals(12, year.size());
        assertEquals(year.stream().mapToLong(DemoFigures.Month::trials).sum(), trials, "trials of the year in funnel CSV");
        shot("csv-downloaded");
    }

    @Test
    @Order(8)
    void theOneClickLinkOfTheRunnerSignsIn() {
        signedInDashboard();
        driver.findElement(By.cssSelector("button#sign-out")).click();
        await("form#login after signing out", LOAD, d -> displayed(By.cssSelector("form#login")));
        shot("signed-out");
        driver.get("about:blank");
        driver.get(DASHBOARD + "#token=" + token);
        await("#tenant reading \"demo\" after the #token= link", FIRST_LOAD, d -> "demo".equals(text(By.cssSelector("#tenant"))));
        await("the token removed from the URL", LOAD, d -> !d.getCurrentUrl().contains("token="));
        shot("signed-in-by-link");
    }

    // ---------------------------------------------------------------- the page

    /** Fails the remaining steps fast (with one failure: the sign-in's) when signing in did not work. */
    private static void signedInDashboard() {
        assumeTrue(signedIn, "not signed in: see signsInWithThePastedToken");
        if (!displayed(By.cssSelector("main#dashboard"))) {
            WebElement back = driver.findElements(By.cssSelector("a#back-to-dashboard")).stream().filter(WebElement::isDisplayed)
                    .findFirst().orElse(null);
            if (back != null) {
                back.click();
            } else {
                driver.get(DASHBOARD + "#/dashboard");
            }
            await("main#dashboard", LOAD, d -> displayed(By.cssSelector("main#dashboard")));
        }
    }

    /** Sets the toolbar as a user does (dates through JavaScript, as the contract says), applies, waits for every panel. */
    private static void applyState(String from, String to, String granularity, String dimension, String value) {
        String range = String.join("/", from, to, granularity, dimension, value);
        setDate("from", from);
        setDate("to", to);
        new Select(driver.findElement(By.cssSelector("select#granularity"))).selectByValue(granularity);
        new Select(driver.findElement(By.cssSelector("select#dimension"))).selectByValue(dimension);
        if (!dimension.isEmpty()) {
            await("option " + value + " in select#dimension-value", LOAD, d -> optionValues("select#dimension-value").contains(value));
            new Select(driver.findElement(By.cssSelector("select#dimension-value"))).selectByValue(value);
        }
        driver.findElement(By.cssSelector("button#apply")).click();
        await("main#dashboard[data-range=\"" + range + "\"]", LOAD,
                d -> range.equals(driver.findElement(By.cssSelector("main#dashboard")).getAttribute("data-range")));
    }

    private static void setDate(String id, String value) {
        driver.executeScript("const el = document.getElementById(arguments[0]); el.value = arguments[1];"
                + " el.dispatchEvent(new Event('change'));", id, value);
        assertEquals(value, driver.findElement(By.id(id)).getAttribute("value"), "input#" + id);
    }

    private static List<String> optionValues(String select) {
        return driver.findElements(By.cssSelector(select + " option")).stream().map(o -> o.getAttribute("value"))
                .filter(v -> v != null && !v.isEmpty()).toList();
    }

    private static void assertChartDrawn(String id) {
        await("an svg in the chart of " + id, Duration.ofSeconds(10),
                d -> !d.findElements(By.cssSelector("section.panel[data-panel=\"" + id + "\"] div.chart svg")).isEmpty());
    }

    private static void assertCustomer360(String id) throws Exception {
        String selector = "section#customer-360[data-customer=\"" + id + "\"]";
        String state = await(selector + " ready or error", LOAD, d -> {
            String s = d.findElement(By.cssSelector(selector)).getAttribute("data-state");
            return "ready".equals(s) || "error".equals(s) ? s : null;
        });
        assertEquals("ready", state, selector + ": " + text(By.cssSelector(selector)));
        JsonNode revenue = ok("{ customer(id: \"" + id + "\") { revenue(asOf: \"" + AS_OF
                + "\") { mrr { amount currency } name } } }").at("/customer/revenue");
        assertEquals(revenue.at("/name").asText(), text(By.cssSelector("#c360-name")), "#c360-name of " + id);
        assertValue(revenue.at("/mrr/amount").decimalValue(), driver.findElement(By.cssSelector("#c360-mrr")).getAttribute("data-value"),
                "#c360-mrr of " + id + " (the gateway's MRR at the end of " + AS_OF + ")");
        assertEquals(revenue.at("/mrr/currency").asText(), text(By.cssSelector("#c360-currency")), "#c360-currency of " + id);
        Panel history = panel("customer-mrr", "ready");
        assertFalse(history.keys().isEmpty(), "the MRR history of " + id);
    }

    /** Clicks the panel's CSV button and waits for the finished file in the download directory. */
    private static Path download(String id, String expectedName) throws Exception {
        try (Stream<Path> old = Files.list(downloads)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        driver.findElement(By.cssSelector("section.panel[data-panel=\"" + id + "\"] button.csv")).click();
        Path file = await("the CSV of " + id + " in " + downloads, LOAD, d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                // while writing, Chromium has a hidden temporary file and a *.crdownload there
                List<Path> all = files.toList();
                List<Path> done = all.stream().filter(p -> !p.getFileName().toString().startsWith(".")
                        && !p.getFileName().toString().endsWith(".crdownload")).toList();
                return done.size() == 1 && all.size() == 1 && Files.size(done.get(0)) > 0 ? done.get(0) : null;
            } catch (IOException e) {
                return null;
            }
        });
        assertEquals(expectedName, file.getFileName().toString(), "the name of the CSV of " + id);
        return file;
    }

    /** One panel's state and table, read in one script: rows by data-key, cells by data-col (their data-value). */
    record Panel(String id, String state, String error, Map<String, Row> table) {

        record Row(Map<String, String> cells, String status) {
        }

        List<String> keys() {
            return List.copyOf(table.keySet());
        }

        Map<String, Map<String, String>> rows() {
            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            table.forEach((k, r) -> rows.put(k, r.cells()));
            return rows;
        }

        Row row(String key) {
            Row row = table.get(key);
            assertNotNull(row, "no row " + key + " in panel " + id + " (rows " + table.keySet() + ")");
            return row;
        }

        String cell(String key, String col) {
            Row row = row(key);
            assertTrue(row.cells().containsKey(col), "no td[data-col=" + col + "] in row " + key + " of panel " + id + ": " + row);
            return row.cells().get(col);
        }

        BigDecimal sum(String col) {
            return table.keySet().stream().map(k -> decimal(cell(k, col), id + " " + col + " of " + k))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private static final String READ_PANEL = """
            const p = document.querySelector('section.panel[data-panel="' + arguments[0] + '"]')
                || (arguments[0] === 'customer-mrr' ? document.querySelector('[data-panel="customer-mrr"]') : null);
            if (!p) { return null; }
            const err = p.querySelector('.panel-error');
            const rows = [];
            p.querySelectorAll('table.data tbody tr[data-key]').forEach(tr => {
                const cells = {};
                let status = null;
                tr.querySelectorAll('td[data-col]').forEach(td => {
                    cells[td.getAttribute('data-col')] = td.getAttribute('data-value');
                    if (td.hasAttribute('data-status')) { status = td.getAttribute('data-status'); }
                });
                rows.push({key: tr.getAttribute('data-key'), cells: cells, status: status});
            });
            return {state: p.getAttribute('data-state'), error: err ? err.textContent : null, rows: rows};
            """;

    private static Panel panel(String id) {
        return panel(id, "ready");
    }

    @SuppressWarnings("unchecked")
    private static Panel panel(String id, String... expectedStates) {
        Map<String, Object> read = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(READ_PANEL, id);
        assertNotNull(read, "no section.panel[data-panel=" + id + "] on the page");
        String state = (String) read.get("state");
        String error = (String) read.get("error");
        assertTrue(List.of(expectedStates).contains(state), "panel " + id + " is " + state + (error == null ? "" : ": " + error));
        Map<String, Panel.Row> table = new LinkedHashMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) read.get("rows")) {
            Map<String, String> cells = new LinkedHashMap<>();
            ((Map<String, Object>) row.get("cells")).forEach((k, v) -> cells.put(k, v == null ? null : v.toString()));
            table.put((String) row.get("key"), new Panel.Row(cells, (String) row.get("status")));
        }
        return new Panel(id, state, error, table);
    }

    private static boolean displayed(By by) {
        List<WebElement> found = driver.findElements(by);
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    private static String text(By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.get(0).getText().trim();
    }

    /** Waits with WebDriverWait; on time-out fails with what was awaited and where the page stood. */
    private static <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                    .ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the page: " + pageState(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String pageState() {
        try {
            Object state = ((JavascriptExecutor) driver).executeScript("""
                    const m = document.querySelector('main#dashboard');
                    const panels = {};
                    document.querySelectorAll('section.panel[data-panel]').forEach(p => {
                        const e = p.querySelector('.panel-error');
                        panels[p.getAttribute('data-panel')] = p.getAttribute('data-state') + (e && e.textContent ? ' (' + e.textContent + ')' : '');
                    });
                    const login = document.querySelector('form#login');
                    return {url: location.href, title: document.title, dataRange: m ? m.getAttribute('data-range') : '(no main#dashboard)',
                        login: login ? (login.hidden ? 'hidden' : 'shown') : '(no form#login)',
                        loginError: (document.querySelector('#login-error') || {}).textContent || null,
                        tenant: (document.querySelector('#tenant') || {}).textContent || null, panels: panels,
                        body: document.body ? document.body.innerText.substring(0, 400) : null};
                    """);
            return String.valueOf(state);
        } catch (RuntimeException e) {
            return "(could not be read: " + e.getMessage() + ")";
        }
    }

    /**
     * Saves a PNG of the whole page (Chromium's DevTools screenshot beyond the viewport; the viewport if that fails) as
     * target/dashboard-screenshots/NN-name.png.
     */
    @SuppressWarnings("unchecked")
    static void shot(String name) {
        if (driver == null) {
            return;
        }
        Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", SHOTS.incrementAndGet(), name));
        try {
            byte[] png;
            try {
                Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
                Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
                double width = ((Number) size.get("width")).doubleValue();
                double height = Math.min(((Number) size.get("height")).doubleValue(), 16_000);
                Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                        "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
                png = Base64.getDecoder().decode((String) shot.get("data"));
            } catch (RuntimeException e) {
                png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            }
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, png);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the screenshot " + file + ": " + e);
        }
    }

    // ---------------------------------------------------------------- the expectations

    private static List<DemoFigures.Month> months(String from, String to) {
        YearMonth first = YearMonth.parse(from.substring(0, 7));
        YearMonth end = YearMonth.parse(to.substring(0, 7));
        return DEMO.figures().months().stream().filter(m -> !m.month().isBefore(first) && m.month().isBefore(end)).toList();
    }

    private static List<String> monthStarts(Collection<DemoFigures.Month> months) {
        return months.stream().map(m -> m.month().atDay(1).toString()).toList();
    }

    private static BigDecimal decimal(String value, String what) {
        assertFalse(value == null || value.isEmpty(), what + ": no value");
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new AssertionError(what + ": not a raw decimal: \"" + value + "\"", e);
        }
    }

    /** The page's raw value equals the expectation as a number (null expected: an empty data-value). */
    private static void assertValue(BigDecimal expected, String actual, String what) {
        if (expected == null) {
            assertTrue(actual == null || actual.isEmpty(), what + ": expected no value, got " + actual);
            return;
        }
        BigDecimal value = decimal(actual, what);
        assertEquals(0, expected.compareTo(value), what + ": expected " + expected.toPlainString() + ", got " + actual);
    }

    private static boolean sameValue(String a, String b) {
        String x = a == null ? "" : a;
        String y = b == null ? "" : b;
        if (x.equals(y)) {
            return true;
        }
        try {
            return new BigDecimal(x).compareTo(new BigDecimal(y)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** RFC 4180: comma separated, CRLF or LF line ends, "quoted" fields with "" for a quote. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    // ---------------------------------------------------------------- the gateway

    /** As DemoEndToEndTest: ask until every service answers (at most a minute) right after the start. */
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

    static JsonNode ok(String query) throws Exception {
        JsonNode answer = post(query);
        assertTrue(answer.path("errors").isMissingNode() || answer.path("errors").isEmpty(), answer.toString());
        return answer.get("data");
    }

    static JsonNode post(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(DASHBOARD + "graphql")).timeout(Duration.ofSeconds(60))
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
