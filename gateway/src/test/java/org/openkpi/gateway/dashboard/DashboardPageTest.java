package org.openkpi.gateway.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openkpi.gateway.EmbeddedPostgresResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard page as the gateway serves it: the build-time rendered index with the bundle's script and style, the
 * bundle itself (ECharts included, compressed on request), the security headers, and no token needed for the page
 * (its data needs one: /graphql stays authenticated). deploy's DashboardBrowserTest drives it in a real browser.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class DashboardPageTest {

    private static final Pattern SCRIPT = Pattern.compile("<script type=\"module\" src=\"(/static/bundle/[^\"]+\\.js)\"");
    private static final Pattern STYLE = Pattern.compile("<link rel=\"stylesheet\" href=\"(/static/bundle/[^\"]+\\.css)\"");

    @Test
    void theIndexIsServedWithoutATokenAndPointsAtTheBundle() {
        String html = given().when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .body(containsString("<form id=\"login\""))
                .body(containsString("<main id=\"dashboard\">"))
                .body(not(containsString("{#bundle")))
                .extract().asString();
        Matcher script = SCRIPT.matcher(html);
        assertTrue(script.find(), html);
        Matcher style = STYLE.matcher(html);
        assertTrue(style.find(), html);

        given().when().get(script.group(1))
                .then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("echarts"), containsString("/graphql"), containsString("period_end_exclusive"));
        given().when().get(style.group(1))
                .then().statusCode(200)
                .contentType(containsString("text/css"));
        given().header("Accept-Encoding", "gzip").when().get(script.group(1))
                .then().statusCode(200)
                .header("Content-Encoding", equalTo("gzip"));
    }

    @Test
    void singleSignOnIsOffUnlessConfigured() {
        given().when().get("/dashboard/config.json")
                .then().statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .body("sso", equalTo(false));
        // /sso/* needs a signed-in user; without the dashboard's OIDC tenant nothing signs one in
        given().when().get("/sso/token").then().statusCode(401);
        given().redirects().follow(false).when().get("/sso/login").then().statusCode(401);
    }

    @Test
    void theDataBehindThePageStillNeedsAToken() {
        given().contentType("application/json").body("{\"query\":\"{ scorecard { period { start } } }\"}")
                .when().post("/graphql")
                .then().statusCode(401);
    }
}
