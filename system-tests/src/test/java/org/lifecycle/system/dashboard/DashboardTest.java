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
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The dashboard page as a marketer sees it: a small generated shop (300 customers, seed 7) loaded through the public
 * tracking API into ingestion-service, segmentation-service and analytics-service running as real processes, then
 * the page opened in headless Chromium at a non-default dashboard path. Every figure read off the page (summary
 * tiles, trend totals, stage counts and flows of the lifecycle map, cohort cells, campaign results, NPS and CSAT,
 * converted against non-converted visitors, prediction histograms) equals the analytics API's answer for the range
 * the page shows, before and after picking another range; every request the page makes stays under the dashboard
 * path. Campaign results come from {@code lifecycle.dispatches} records published by the test as campaign-service
 * publishes them (the contracts' {@code Dispatch}), with opens and clicks, page views and survey answers sent
 * through the tracking API. A screenshot is saved under
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

        String writeKey = createSource(ingestion);
        ReplaySummary loaded = Replay.run(ReplayOptions.defaults(ingestion.url(), writeKey)
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

        // Campaign messages, page views and survey answers of the shop's customers in the last weeks of the range
        // the page opens on: dispatch records as campaign-service publishes them, the rest through the tracking API.
        addCampaignsVisitsAndAnswers(api, ingestion, writeKey);

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
            assertNothingCutOff(page, "1400 px wide");

            Path screenshot = Service.repository().resolve("system-tests/target/screenshots/dashboard.png");
            Files.createDirectories(screenshot.getParent());
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));
            System.out.println("dashboard screenshot: " + screenshot);

            // On a narrow window (a phone, a window beside another) the cards shrink to it and every wide table
            // scrolls sideways inside its card: nothing is cut off and the page itself does not scroll sideways.
            page.setViewportSize(480, 900);
            assertNothingCutOff(page, "480 px wide");
            List<String> wide = ((List<?>) page.evaluate("() => [...document.querySelectorAll('.scroll')]"
                    + ".filter(box => box.querySelector('table') && box.scrollWidth > box.clientWidth)"
                    + ".map(box => { box.scrollLeft = box.scrollWidth; return box.closest('.panel').querySelector('h2')"
                    + ".textContent + (box.scrollLeft > 0 ? '' : ' (does not scroll)'); })")).stream()
                    .map(String::valueOf).toList();
            assertThat(wide).as("tables wider than their card at 480 px, each scrolled to its end")
                    .contains("Cohort retention", "Visitors who ordered and who did not", "Campaign results");
            Path narrow = Service.repository().resolve("system-tests/target/screenshots/dashboard-480.png");
            page.screenshot(new Page.ScreenshotOptions().setPath(narrow).setFullPage(true));
            page.setViewportSize(1400, 1000);

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
        assertThat(campaigns.size()).as("campaign rows of %s", range).isPositive();
        assertThat(page.getByTestId("campaign-row").count()).isEqualTo(campaigns.size());
        Map<String, String> campaignExpected = new LinkedHashMap<>();
        Map<String, String> campaignShown = new LinkedHashMap<>();
        for (JsonNode row : campaigns) {
            String key = row.path("journeyId").asText() + "/" + row.path("stepId").asText() + "/"
                    + row.path("variant").asText("");
            Locator line = page.locator("[data-testid=campaign-row][data-journey='" + row.path("journeyId").asText()
                    + "'][data-step='" + row.path("stepId").asText() + "'][data-variant='"
                    + row.path("variant").asText("") + "']");
            Map<String, String> cells = new LinkedHashMap<>();
            cells.put("sent", count(row.path("sent").asLong()));
            cells.put("opened", count(row.path("opened").asLong()));
            cells.put("clicked", count(row.path("clicked").asLong()));
            cells.put("converted", count(row.path("converted").asLong()));
            cells.put("open-rate", rate(row.path("openRate")));
            cells.put("click-rate", rate(row.path("clickRate")));
            cells.put("conversion-rate", rate(row.path("conversionRate")));
            cells.put("revenue", money(row.path("attributedRevenue")));
            cells.forEach((cell, value) -> {
                campaignExpected.put(key + " " + cell, value);
                campaignShown.put(key + " " + cell, line.getByTestId("campaign-" + cell).textContent().trim());
            });
        }
        assertThat(campaignShown).as("campaign results on the page").containsExactlyEntriesOf(campaignExpected);

        JsonNode monthly = api.get("/api/analytics/satisfaction?interval=month&" + range);
        JsonNode byStage = api.get("/api/analytics/satisfaction?interval=all&groupBy=stage&" + range);
        assertThat(monthly.size()).as("months with NPS or CSAT answers in %s", range).isPositive();
        Map<String, String> satisfactionExpected = new LinkedHashMap<>();
        Map<String, String> satisfactionShown = new LinkedHashMap<>();
        for (JsonNode month : monthly) {
            for (String score : List.of("nps", "csat")) {
                if (!month.path(score).isNull()) {
                    String testId = score + "-month-" + month.path("period").asText();
                    satisfactionExpected.put(testId, Double.toString(month.path(score).asDouble()));
                    satisfactionShown.put(testId, Double.toString(Double.parseDouble(
                            page.getByTestId(testId).getAttribute("data-value"))));
                }
            }
        }
        for (JsonNode row : byStage) {
            String stage = row.path("stage").asText();
            Locator line = page.locator("[data-testid=satisfaction-stage-row][data-stage='" + stage + "']");
            Map<String, String> cells = new LinkedHashMap<>();
            cells.put("nps-responses", count(row.path("npsResponses").asLong()));
            cells.put("promoters", count(row.path("promoters").asLong()));
            cells.put("detractors", count(row.path("detractors").asLong()));
            cells.put("nps", score(row.path("nps"), true));
            cells.put("csat-responses", count(row.path("csatResponses").asLong()));
            cells.put("csat", score(row.path("csat"), false));
            cells.forEach((cell, value) -> {
                satisfactionExpected.put(stage + " " + cell, value);
                satisfactionShown.put(stage + " " + cell, line.getByTestId("satisfaction-" + cell).textContent()
                        .trim());
            });
        }
        assertThat(satisfactionShown).as("NPS and CSAT on the page").containsExactlyEntriesOf(satisfactionExpected);
        assertThat(page.getByTestId("satisfaction-stage-row").count()).isEqualTo(byStage.size());

        JsonNode visitors = api.get("/api/analytics/visitors/comparison?" + range);
        assertThat(visitors.get(0).path("visitors").asLong()).as("visitors of %s", range).isPositive();
        Map<String, String> visitorsExpected = new LinkedHashMap<>();
        Map<String, String> visitorsShown = new LinkedHashMap<>();
        Map<String, Integer> perDimension = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (JsonNode row : visitors) {
            values.computeIfAbsent(row.path("dimension").asText(), d -> new ArrayList<>())
                    .add(row.path("value").asText());
        }
        int rows = 0;
        for (JsonNode row : visitors) {
            String dimension = row.path("dimension").asText();
            // The page shows the first eight values of each dimension, and every value (up to eleven) of a survey
            // question answered on a numeric scale.
            boolean scale = dimension.startsWith("answer:")
                    && values.get(dimension).stream().allMatch(v -> v.matches("-?\\d+(\\.\\d+)?"));
            if (perDimension.merge(dimension, 1, Integer::sum) > (scale ? 11 : 8)) {
                continue;
            }
            rows++;
            String key = dimension + "=" + row.path("value").asText();
            Locator line = page.locator("[data-testid=visitors-row][data-dimension='" + dimension
                    + "'][data-value='" + row.path("value").asText() + "']");
            Map<String, String> cells = new LinkedHashMap<>();
            cells.put("visitors", count(row.path("visitors").asLong()));
            cells.put("converted", count(row.path("converted").asLong()));
            cells.put("not-converted", count(row.path("notConverted").asLong()));
            cells.put("conversion-rate", rate(row.path("conversionRate")));
            cells.put("converted-share", rate(row.path("convertedShare")));
            cells.put("not-converted-share", rate(row.path("notConvertedShare")));
            cells.forEach((cell, value) -> {
                visitorsExpected.put(key + " " + cell, value);
                visitorsShown.put(key + " " + cell, line.getByTestId("visitors-" + cell).textContent().trim());
            });
        }
        assertThat(visitorsShown).as("converted and other visitors on the page")
                .containsExactlyEntriesOf(visitorsExpected);
        assertThat(page.getByTestId("visitors-row").count()).isEqualTo(rows);
        // NPS answers 0 to 10 are listed by score on the page and by the API: 10 after 9, not after 1.
        List<String> npsScores = values.get("answer:nps");
        assertThat(npsScores).as("NPS answers of %s", range)
                .isSortedAccordingTo(java.util.Comparator.comparingInt(Integer::parseInt)).hasSizeGreaterThan(9);
        assertThat(page.locator("[data-testid=visitors-row][data-dimension='answer:nps']").evaluateAll(
                "rows => rows.map(row => row.dataset.value)")).as("NPS answers on the page").isEqualTo(npsScores);
        assertThat(page.locator("[data-testid^=visitors-chart-converted-]").count()).as("sources on the chart")
                .isEqualTo(Math.min(8, perDimension.getOrDefault("source", 0)));

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

    /**
     * Dispatch records for 40 of the shop's customers (journey {@code winback}, step {@code offer}, variants A and B,
     * 32 delivered) published on lifecycle.dispatches as campaign-service publishes them; opens and clicks, page
     * views from three traffic sources and devices, and 30 survey answers with NPS and CSAT scores sent through the
     * tracking API. All fall in the last 50 days of the range the page opens on (the year up to the end of the month
     * of the latest order).
     */
    private static void addCampaignsVisitsAndAnswers(JsonApi api, ServiceProcess ingestion, String writeKey)
            throws Exception {
        LocalDate lastOrder = null;
        for (JsonNode day : api.get("/api/analytics/daily?from=2010-01-01&to=2012-12-31")) {
            if (day.path("orders").asLong() > 0) {
                lastOrder = LocalDate.parse(day.path("day").asText());
            }
        }
        assertThat(lastOrder).as("a day with orders").isNotNull();
        LocalDate end = lastOrder.withDayOfMonth(lastOrder.lengthOfMonth());
        Instant start = end.minusDays(50).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        List<String> customers = new ArrayList<>();
        for (JsonNode prediction : api.get("/api/analytics/predictions?size=60&sort=customer&order=asc")
                .path("items")) {
            customers.add(prediction.path("customer").asText());
        }
        assertThat(customers).as("customers of the fit").hasSizeGreaterThanOrEqualTo(40);

        List<org.lifecycle.contracts.dispatch.Dispatch> dispatches = new ArrayList<>();
        List<ObjectNode> messages = new ArrayList<>();
        String[] agents = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
                        + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"};
        for (int i = 0; i < 40; i++) {
            String customer = customers.get(i);
            Instant sent = start.plus(Duration.ofHours(20L * i));
            String variant = i % 2 == 0 ? "A" : "B";
            dispatches.add(dispatch(org.lifecycle.contracts.dispatch.DispatchType.SENT, customer, variant, sent));
            if (i % 5 != 4) {
                dispatches.add(dispatch(org.lifecycle.contracts.dispatch.DispatchType.DELIVERED, customer, variant,
                        sent.plusSeconds(30)));
            }
            if (i % 3 == 0) {
                messages.add(emailEvent(customer, "Email Opened", sent.plusSeconds(3600)));
            }
            if (i % 6 == 0) {
                messages.add(emailEvent(customer, "Email Link Clicked", sent.plusSeconds(3700)));
            }
            ObjectNode context = JSON.createObjectNode().put("userAgent", agents[i % 3]);
            if (i % 3 == 0) {
                context.putObject("campaign").put("source", "newsletter").put("medium", "email");
            } else if (i % 3 == 1) {
                context.putObject("page").put("referrer", "https://www.example-search.com/q");
            }
            for (int view = 0; view <= i % 4; view++) {
                ObjectNode pageView = message("page", customer, sent.plusSeconds(4000 + view * 60L));
                pageView.put("name", view == 0 ? "Home" : "Product");
                pageView.putObject("properties").put("path", view == 0 ? "/" : "/products/" + view)
                        .put("url", "https://shop.example" + (view == 0 ? "/" : "/products/" + view));
                ObjectNode internal = JSON.createObjectNode().put("userAgent", agents[i % 3]);
                internal.putObject("page").put("referrer", "https://shop.example/");
                pageView.set("context", view == 0 ? context : internal);
                messages.add(pageView);
            }
            if (i < 30) {
                ObjectNode answer = message("track", customer, sent.plusSeconds(86_400));
                answer.put("event", "Survey Responded");
                ObjectNode properties = answer.putObject("properties").put("survey_id", "post-purchase")
                        .put("nps_score", (i * 7) % 11).put("csat_score", 1 + i % 5).put("signal_source", "typeform");
                properties.putObject("answers").put("nps", (i * 7) % 11).put("csat", 1 + i % 5)
                        .put("found_what_you_wanted", i % 4 == 0 ? "no" : "yes");
                messages.add(answer);
            }
        }
        publishDispatches(dispatches);
        for (int from = 0; from < messages.size(); from += 100) {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("batch").addAll(messages.subList(from, Math.min(messages.size(), from + 100)));
            String basic = java.util.Base64.getEncoder().encodeToString((writeKey + ":").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            JsonApi.Response accepted = new JsonApi(ingestion.url()).post("/v1/batch", body,
                    Map.of("Authorization", "Basic " + basic));
            assertThat(accepted.status()).as("POST /v1/batch: %s", accepted.body()).isEqualTo(200);
        }
        Poll.until("analytics-service to apply the dispatches, visits and answers", Duration.ofMinutes(5),
                Duration.ofSeconds(2), () -> List.of(suite.consumerLag(Service.ANALYTICS, Topics.EVENTS),
                        suite.consumerLag(Service.ANALYTICS, Topics.DISPATCHES),
                        api.get("/api/analytics/satisfaction?interval=all&from=2010-01-01&to=2012-12-31").path(0)
                                .path("npsResponses").asLong()),
                seen -> seen.equals(List.of(0L, 0L, 30L)));
    }

    private static org.lifecycle.contracts.dispatch.Dispatch dispatch(
            org.lifecycle.contracts.dispatch.DispatchType type,
            String customer, String variant, Instant at) {
        return new org.lifecycle.contracts.dispatch.Dispatch(java.util.UUID.randomUUID().toString(), type,
                org.lifecycle.contracts.dispatch.Dispatch.VERSION, at, at, customer, customer, "winback", 1, "offer",
                "enr-winback-" + customer, org.lifecycle.contracts.dispatch.Channel.EMAIL, "winback-offer", variant,
                "250 OK", null, null);
    }

    private static void publishDispatches(List<org.lifecycle.contracts.dispatch.Dispatch> dispatches)
            throws Exception {
        java.util.Properties config = new java.util.Properties();
        config.put("bootstrap.servers", org.lifecycle.system.support.Infrastructure.kafkaBootstrap());
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(config,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (var dispatch : dispatches) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(suite.topic(Topics.DISPATCHES),
                        dispatch.identityKey(), new String(org.lifecycle.contracts.LifecycleJson.encode(dispatch),
                                java.nio.charset.StandardCharsets.UTF_8)))
                        .get();
            }
        }
    }

    private static ObjectNode message(String type, String customer, Instant at) {
        return JSON.createObjectNode().put("type", type).put("userId", customer)
                .put("messageId", "dash-" + java.util.UUID.randomUUID()).put("timestamp", at.toString());
    }

    private static ObjectNode emailEvent(String customer, String event, Instant at) {
        ObjectNode message = message("track", customer, at).put("event", event);
        message.putObject("properties").put("journey_id", "winback").put("step_id", "offer").put("channel", "email");
        return message;
    }

    /** NPS as the page writes it (+12.5, 0.0, −) and CSAT (81.3%). */
    private static String score(JsonNode value, boolean nps) {
        if (value.isNull() || value.isMissingNode()) {
            return "—";
        }
        BigDecimal rounded = new BigDecimal(value.asDouble()).setScale(1, RoundingMode.HALF_UP);
        String text = rounded.toPlainString();
        return nps ? (value.asDouble() > 0 ? "+" + text : text) : text + "%";
    }

    /**
     * What a marketer would find cut off: every table sits in a box that scrolls sideways (overflow-x auto or
     * scroll); outside such boxes and the charts no element is wider than its own box (a figure running over the
     * next tile) or reaches past its card; the page is no wider than the window.
     */
    private static void assertNothingCutOff(Page page, String window) {
        Object problems = page.evaluate(
                """
                        () => {
                          const problems = [];
                          const root = document.documentElement;
                          if (root.scrollWidth > root.clientWidth) {
                            problems.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
                          }
                          for (const table of document.querySelectorAll('table')) {
                            let box = table.parentElement;
                            while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
                            if (!box || !box.closest('.panel')) problems.push(`${table.getAttribute('aria-label')} cannot scroll`);
                          }
                          for (const element of document.querySelectorAll('.panel *, .top *')) {
                            if (element.closest('svg') || element.closest('.scroll')) continue;
                            const name = element.dataset.testid ?? `${element.tagName.toLowerCase()}.${element.className}`;
                            if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
                              problems.push(`${name}: content ${element.scrollWidth} px in ${element.clientWidth} px`);
                            }
                            const card = element.closest('.panel, .top').getBoundingClientRect();
                            const box = element.getBoundingClientRect();
                            if (box.width > 0 && (box.right > card.right + 1 || box.left < card.left - 1)) {
                              problems.push(`${name}: ${Math.round(box.left)}..${Math.round(box.right)} outside its card ${Math.round(card.left)}..${Math.round(card.right)}`);
                            }
                          }
                          return problems;
                        }""");
        assertThat((List<?>) problems).as("what is cut off or runs over at %s", window).isEmpty();
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
