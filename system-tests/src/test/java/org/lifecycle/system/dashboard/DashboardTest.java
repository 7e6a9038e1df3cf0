package org.lifecycle.system.dashboard;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifecycle.bench.replay.Replay;
import org.lifecycle.bench.replay.ReplayOptions;
import org.lifecycle.bench.replay.ReplaySummary;
import org.lifecycle.contracts.Topics;
import org.lifecycle.system.support.Installation;
import org.lifecycle.system.support.JsonApi;
import org.lifecycle.system.support.Poll;
import org.lifecycle.system.support.Service;
import org.lifecycle.system.support.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The dashboard page as a marketer sees it: a small generated shop (300 customers, seed 7) loaded through the public
 * tracking API into ingestion-service, segmentation-service and analytics-service running as real processes, then
 * the page opened in headless Chromium at a non-default dashboard path. Every figure read off the page (summary
 * tiles, trend totals, stage counts and flows of the lifecycle map, cohort cells, campaign and prediction panels)
 * equals the analytics API's answer for the range the page shows, before and after picking another range; every
 * request the page makes stays under the dashboard path. A screenshot is saved under
 * {@code target/screenshots/dashboard.png}.
 */
class DashboardTest {

    /** Not the default /dashboard: the page must follow the configured path, assets and API calls alike. */
    private static final String DASHBOARD_PATH = "/shop/insights";
    /** After the generated year of orders, so the stages are those of a shop at the end of its year. */
    private static final Instant CLOCK_START = Instant.parse("2011-12-10T00:00:00Z");
    private static final List<String> STAGES = List.of("prospect", "new_customer", "active", "loyal", "at_risk",
            "lapsed");
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final double PAGE_TIMEOUT_MS = Duration.ofMinutes(3).toMillis();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Installation suite = new Installation("dashboard");

    @Test
    void theDashboardShowsTheApisFiguresForTheRangeAMarketerPicks() throws Exception {
        Path chromium = chromium();

        ServiceProcess ingestion = suite.process(Service.INGESTION, Map.of());
        ServiceProcess segmentation = suite.process(Service.SEGMENTATION, Map.of(
                "LIFECYCLE_CLOCK_START", CLOCK_START.toString(),
                "LIFECYCLE_SEGMENTATION_SWEEP_INTERVAL", "1s"));
        ServiceProcess analytics = suite.process(Service.ANALYTICS, Map.of(
                "LIFECYCLE_ANALYTICS_DASHBOARD_PATH", DASHBOARD_PATH));
        ServiceProcess.startTogether(ingestion, segmentation, analytics);
        JsonApi api = new JsonApi(analytics.url());

        ReplaySummary loaded = Replay.run(ReplayOptions.defaults(ingestion.url(), createSource(ingestion))
                .withGenerated(300, 7));
        System.out.println(loaded.line());
        assertThat(loaded.orders()).as("orders sent").isPositive();

        String wholeYear = "from=2010-01-01&to=2012-12-31";
        Poll.until("analytics-service to apply every order and the stages they lead to", Duration.ofMinutes(10),
                Duration.ofSeconds(2), () -> List.of(api.get("/api/analytics/summary?" + wholeYear).path("orders")
                        .asLong(), suite.consumerLag(Service.SEGMENTATION, Topics.EVENTS),
                        suite.consumerLag(Service.ANALYTICS, Topics.EVENTS),
                        suite.consumerLag(Service.ANALYTICS, Topics.TRANSITIONS)),
                seen -> seen.equals(List.of((long) loaded.orders(), 0L, 0L, 0L)));
        awaitQuiet(api, wholeYear);

        // The lifetime value model is fitted on the loaded orders before the page is opened, so that the page's
        // histograms can be compared with the API's figures.
        JsonApi.Response refresh = api.send("POST", "/api/analytics/predictions/refresh", null, Map.of());
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(202);
        long fit = refresh.json().path("version").asLong();
        JsonNode fitted = Poll.until("the lifetime value model to be fitted", Duration.ofMinutes(5),
                Duration.ofSeconds(1), () -> api.get("/api/analytics/predictions/jobs/" + fit),
                job -> !"running".equals(job.path("status").asText()));
        assertThat(fitted.path("status").asText()).as(fitted.toString()).isEqualTo("succeeded");

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium).setHeadless(true).setTimeout(PAGE_TIMEOUT_MS)
                        .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                "--disable-sync")))) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000)
                    .setLocale("en-GB"));
            context.setDefaultTimeout(PAGE_TIMEOUT_MS);
            Page page = context.newPage();
            List<String> requests = Collections.synchronizedList(new ArrayList<>());
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            page.onRequest(request -> requests.add(request.url()));
            page.onRequestFailed(request -> problems.add("failed " + request.url() + ": " + request.failure()));
            page.onResponse(response -> {
                if (response.status() >= 400) {
                    problems.add(response.status() + " " + response.url());
                }
            });
            page.onPageError(error -> problems.add("page error: " + error));
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type()) && !message.text().contains("404")) {
                    problems.add("console: " + message.text());
                }
            });

            // Opened without a range, the page shows the year up to the end of the latest month with orders.
            String dashboard = analytics.url().resolve(DASHBOARD_PATH + "/").toString();
            String opened = analytics.url().resolve(DASHBOARD_PATH).toString();
            page.navigate(opened);
            awaitReady(page);
            assertThat(page.url()).as("the page is opened as <path>/, its base for the API").startsWith(dashboard);
            String from = page.getByTestId("range-from").inputValue();
            String to = page.getByTestId("range-to").inputValue();
            LocalDate last = LocalDate.parse(to);
            assertThat(last).as("the end of a month").isEqualTo(last.withDayOfMonth(last.lengthOfMonth()));
            assertThat(api.get("/api/analytics/summary?from=" + last.withDayOfMonth(1) + "&to=" + to).path("orders")
                    .asLong()).as("orders in the month the range ends with").isPositive();
            assertThat(api.get("/api/analytics/summary?from=" + last.plusDays(1) + "&to=" + last.plusDays(3000))
                    .path("orders").asLong()).as("orders after the range").isZero();
            assertThat(LocalDate.parse(from)).isEqualTo(last.minusDays(364));
            assertPageShowsApi(page, api, from, to);

            Path screenshot = Service.repository().resolve("system-tests/target/screenshots/dashboard.png");
            Files.createDirectories(screenshot.getParent());
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));
            System.out.println("dashboard screenshot: " + screenshot);

            // A marketer picks the last quarter of that year.
            String quarterFrom = LocalDate.parse(to).minusMonths(3).plusDays(1).toString();
            page.getByLabel("From", new Page.GetByLabelOptions().setExact(true)).fill(quarterFrom);
            page.getByLabel("To", new Page.GetByLabelOptions().setExact(true)).fill(to);
            page.getByTestId("range-apply").click();
            page.waitForFunction("([from, to]) => document.body.dataset.state === 'ready'"
                    + " && document.querySelector('[data-testid=range-label]').textContent === from + ' to ' + to",
                    List.of(quarterFrom, to), new Page.WaitForFunctionOptions().setTimeout(PAGE_TIMEOUT_MS));
            assertThat(page.url()).contains("from=" + quarterFrom).contains("to=" + to);
            assertPageShowsApi(page, api, quarterFrom, to);

            assertThat(problems).as("failed requests and errors of the page").isEmpty();
            assertThat(requests).as("every request the page makes").isNotEmpty()
                    .allSatisfy(url -> assertThat(url.equals(opened) || url.startsWith(dashboard))
                            .as("%s is under %s", url, DASHBOARD_PATH).isTrue());
            assertThat(requests).anySatisfy(url -> assertThat(url).startsWith(dashboard + "api/summary?"));
        }

        // The read-only prefix serves the aggregate figures only; nothing is served at the default path.
        assertThat(status(analytics.url().resolve(DASHBOARD_PATH + "/api/info"))).isEqualTo(404);
        assertThat(status(analytics.url().resolve(DASHBOARD_PATH + "/api/campaigns"))).isEqualTo(200);
        assertThat(status(analytics.url().resolve("/dashboard/"))).isEqualTo(404);
    }

    /** Every figure of the page equals the API's for [from, to]. */
    private static void assertPageShowsApi(Page page, JsonApi api, String from, String to) {
        String range = "from=" + from + "&to=" + to;
        JsonNode summary = api.get("/api/analytics/summary?" + range);
        assertThat(summary.path("orders").asLong()).as("the range has orders: %s", summary).isPositive();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("summary-revenue", money(summary.path("revenue")));
        expected.put("summary-orders", count(summary.path("orders").asLong()));
        expected.put("summary-aov", money(summary.path("averageOrderValue")));
        expected.put("summary-buyers", count(summary.path("buyers").asLong()));
        expected.put("summary-revenue-per-customer", money(summary.path("revenuePerCustomer")));
        expected.put("summary-repeat-rate", rate(summary.path("repeatPurchaseRate")));
        expected.put("summary-churn-rate", rate(summary.path("churnRate")));
        expected.put("trend-revenue-total", money(summary.path("revenue")));
        expected.put("trend-orders-total", count(summary.path("orders").asLong()));
        expected.put("trend-aov-total", money(summary.path("averageOrderValue")));
        long reactivations = 0;
        for (JsonNode day : api.get("/api/analytics/reactivations?" + range)) {
            reactivations += day.path("reactivations").asLong();
        }
        expected.put("summary-reactivations", count(reactivations));

        Map<String, Long> stages = new LinkedHashMap<>();
        Map<String, String> latestDay = new LinkedHashMap<>();
        for (JsonNode row : api.get("/api/analytics/stages?" + range)) {
            String stage = row.path("stage").asText();
            String day = row.path("day").asText();
            if (!latestDay.containsKey(stage) || day.compareTo(latestDay.get(stage)) > 0) {
                latestDay.put(stage, day);
                stages.put(stage, row.path("customers").asLong());
            }
        }
        long customers = 0;
        for (String stage : STAGES) {
            long inStage = stages.getOrDefault(stage, 0L);
            customers += inStage;
            expected.put("stage-count-" + stage, count(inStage));
        }
        assertThat(customers).as("customers in a stage at %s", to).isPositive();

        int flows = 0;
        for (JsonNode flow : api.get("/api/analytics/flows?" + range)) {
            String fromStage = flow.path("fromStage").asText(null);
            String toStage = flow.path("toStage").asText();
            if (fromStage == null || fromStage.equals(toStage)) {
                continue;
            }
            long moves = flow.path("transitions").asLong();
            long reactivated = flow.path("reactivations").asLong();
            expected.put("flow-count-" + fromStage + "-" + toStage,
                    reactivated > 0 ? count(moves) + " (" + count(reactivated) + " reactivated)" : count(moves));
            flows++;
        }
        assertThat(flows).as("moves between stages in %s", range).isPositive();

        JsonNode cohorts = api.get("/api/analytics/cohorts?from=" + from.substring(0, 7) + "&to=" + to.substring(0, 7));
        assertThat(cohorts.size()).as("cohort cells").isPositive();
        JsonNode first = cohorts.get(0);
        JsonNode later = null;
        for (JsonNode cell : cohorts) {
            if (cell.path("cohort").asText().equals(first.path("cohort").asText())
                    && cell.path("monthsSince").asInt() == 2) {
                later = cell;
            }
        }
        for (JsonNode cell : later == null ? List.of(first) : List.of(first, later)) {
            String cohort = cell.path("cohort").asText();
            expected.put("cohort-" + cohort + "-" + cell.path("monthsSince").asInt(), rate(cell.path("retention")));
            expected.put("cohort-size-" + cohort, count(cell.path("cohortSize").asLong()));
        }

        Map<String, String> shown = new LinkedHashMap<>();
        expected.keySet().forEach(testId -> shown.put(testId, page.getByTestId(testId).textContent().trim()));
        assertThat(shown).as("figures on the page for %s", range).containsExactlyEntriesOf(expected);
        assertThat(page.locator("[data-testid^=flow-count-]").count()).as("arrows on the map").isEqualTo(flows);
        assertThat(page.locator("[data-testid=trend-revenue] svg path").count()).as("revenue trend line").isEqualTo(1);
        assertThat(page.locator("[data-testid^=cohort-row-]").count()).as("cohort rows")
                .isEqualTo((int) java.util.stream.StreamSupport.stream(cohorts.spliterator(), false)
                        .map(cell -> cell.path("cohort").asText()).distinct().count());

        JsonNode campaigns = api.get("/api/analytics/campaigns?" + range);
        if (campaigns.isEmpty()) {
            assertThat(page.getByTestId("campaigns-empty").isVisible()).as("no campaigns shown as such").isTrue();
        } else {
            assertThat(page.getByTestId("campaign-row").count()).isEqualTo(campaigns.size());
        }

        JsonApi.Response predictions = api.send("GET", "/api/analytics/predictions/distribution", null, Map.of());
        assertThat(predictions.status()).as(predictions.body()).isEqualTo(200);
        assertThat(predictions.json().path("customers").asLong()).as("customers with a prediction").isPositive();
        Map<String, String> binsShown = new LinkedHashMap<>();
        Map<String, String> binsExpected = new LinkedHashMap<>();
        for (var histogram : Map.of("lifetimeValue", "lifetime-value", "probabilityAlive", "probability-alive")
                .entrySet()) {
            JsonNode bins = predictions.json().path(histogram.getKey());
            assertThat(bins.size()).as("bins of %s", histogram.getKey()).isPositive();
            for (int i = 0; i < bins.size(); i++) {
                String testId = "clv-" + histogram.getValue() + "-bin-" + i;
                binsExpected.put(testId, bins.get(i).path("customers").asText());
                binsShown.put(testId, page.getByTestId(testId).getAttribute("data-customers"));
            }
        }
        assertThat(binsShown).as("customers per histogram bar").containsExactlyEntriesOf(binsExpected);
    }

    private static void awaitReady(Page page) {
        page.waitForFunction("() => document.body.dataset.state === 'ready' || document.body.dataset.state === 'error'",
                null, new Page.WaitForFunctionOptions().setTimeout(PAGE_TIMEOUT_MS));
        assertThat(page.getByTestId("status").textContent()).as("status line")
                .doesNotContain("Could not");
    }

    /** Waits until the API shows the same figures over {@link #QUIET}: the last stage moves have been applied. */
    private static void awaitQuiet(JsonApi api, String range) {
        JsonNode[] previous = {null};
        Poll.until("the lifecycle figures to stop changing", Duration.ofMinutes(5), QUIET, () -> {
            JsonNode now = JSON.createArrayNode().add(api.get("/api/analytics/summary?" + range))
                    .add(api.get("/api/analytics/flows?" + range));
            boolean same = now.equals(previous[0]) && suite.consumerLag(Service.ANALYTICS, Topics.TRANSITIONS) == 0;
            previous[0] = now;
            return same;
        }, Boolean::booleanValue);
    }

    /** The browser: Debian's chromium, or LIFECYCLE_CHROMIUM; missing is a failure, never a skip. */
    private static Path chromium() {
        String configured = System.getenv("LIFECYCLE_CHROMIUM");
        Path path = Paths.get(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        if (!Files.isExecutable(path)) {
            fail("No Chromium at " + path + ": the dashboard test drives Debian's chromium headless. Install it"
                    + " (apt-get install -y chromium, which deploy/local/lifecycle test does when run as root) or set"
                    + " LIFECYCLE_CHROMIUM to a Chromium binary.");
        }
        return path;
    }

    private static String createSource(ServiceProcess ingestion) {
        ObjectNode body = JSON.createObjectNode().put("name", "dashboard-shop");
        JsonApi.Response created = new JsonApi(ingestion.url()).post("/admin/sources", body,
                Map.of("Authorization", "Bearer " + suite.adminToken()));
        assertThat(created.status()).as("POST /admin/sources: %s", created.body()).isEqualTo(201);
        return created.json().path("writeKey").asText();
    }

    private static int status(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    // The page's number formats (en-GB): thousands separators, money to the cent, rates in % to one decimal.

    private static String count(long value) {
        return String.format(Locale.UK, "%,d", value);
    }

    private static String money(JsonNode value) {
        return value.isNull() || value.isMissingNode()
                ? "—"
                : String.format(Locale.UK, "%,.2f", value.decimalValue().setScale(2, RoundingMode.HALF_UP));
    }

    private static String rate(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "—";
        }
        // The page rounds the exact value of retention × 100 as a double, half away from zero.
        BigDecimal percent = new BigDecimal(value.asDouble() * 100).setScale(1, RoundingMode.HALF_UP);
        return String.format(Locale.UK, "%,.1f%%", percent);
    }
}
