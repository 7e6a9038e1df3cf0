package org.lifecycle.analytics.prediction;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lifecycle.analytics.clv.BgNbdModel;
import org.lifecycle.analytics.clv.CalibrationWindow;
import org.lifecycle.analytics.clv.CustomerPrediction;
import org.lifecycle.analytics.clv.CustomerSummaries;
import org.lifecycle.analytics.clv.CustomerSummary;
import org.lifecycle.analytics.clv.CustomerValueModel;
import org.lifecycle.analytics.clv.LifetimeValue;
import org.lifecycle.analytics.clv.Transaction;
import org.lifecycle.analytics.prediction.repository.PredictionRepository;
import org.lifecycle.analytics.support.IsolatedInfrastructure;
import org.lifecycle.analytics.support.PredictionInfrastructure;
import org.lifecycle.analytics.support.Records;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Orders produced onto the events topic, a fit started over HTTP, and the predictions published on
 * lifecycle.predictions and served over REST, against the models fitted here directly on the same orders.
 */
@QuarkusTest
@QuarkusTestResource(value = PredictionInfrastructure.class, restrictToAnnotatedClass = true)
class PredictionsTest {

    private static final Duration APPLIED = Duration.ofSeconds(90);
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final int CUSTOMERS = 300;

    private static List<Transaction> orders;
    private static Map<String, CustomerPrediction> expected;
    private static List<CustomerSummary> summaries;
    private static CalibrationWindow window;
    private static long firstFit;

    @Inject
    PredictionRepository repository;

    @BeforeAll
    static void produceOrdersAndFit() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
        if (orders != null) {
            return;
        }
        orders = generate(CUSTOMERS, 42);
        List<CustomerEvent> events = new ArrayList<>();
        for (Transaction order : orders) {
            events.add(Records.order(order.customerId(), UUID.randomUUID().toString(),
                    BigDecimal.valueOf(order.value()).toPlainString(),
                    order.date().atTime(12, 0).toInstant(ZoneOffset.UTC)));
        }
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.EVENTS, events);
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS);

        LocalDate end = orders.stream().map(Transaction::date).max(LocalDate::compareTo).orElseThrow();
        window = new CalibrationWindow(end.minusDays(729), end, 7);
        CustomerValueModel model = CustomerValueModel.fit(orders, window, CustomerValueModel.Kind.BG_NBD);
        summaries = CustomerSummaries.of(orders, window);
        LifetimeValue lifetime = LifetimeValue.monthly(12, 0.10, 7);
        expected = new HashMap<>();
        for (CustomerSummary c : summaries) {
            expected.put(c.customerId(), model.predict(c, 90, lifetime));
        }
    }

    /** The first fit, started over HTTP once the test's port is known (not yet in {@code @BeforeAll}). */
    @BeforeEach
    void fitOnce() {
        if (firstFit == 0) {
            firstFit = refreshAndAwait("");
        }
    }

    @Test
    void everyCustomersPredictionIsPublishedAndEqualsTheModelFittedOnTheSameOrders() {
        Map<String, Map<String, Object>> published = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> value = LifecycleJson.mapper().readValue(record.value(), Map.class);
                    assertThat(value.get("customer")).isEqualTo(record.key());
                    if (((Number) value.get("modelVersion")).longValue() == firstFit) {
                        published.put(record.key(), value);
                    }
                }
                return published.size() >= expected.size();
            });
        }

        assertThat(published.keySet()).isEqualTo(expected.keySet());
        expected.forEach((customer, want) -> {
            Map<String, Object> got = published.get(customer);
            assertThat(got.get("type")).isEqualTo("prediction.updated");
            assertThat(got.get("model")).isEqualTo("bg-nbd+gamma-gamma");
            assertThat(number(got, "probabilityAlive")).isCloseTo(want.probabilityAlive(), within(1e-6));
            assertThat(number(got, "expectedPurchases")).isCloseTo(want.expectedPurchases(),
                    within(1e-6 * Math.max(1, want.expectedPurchases())));
            assertThat(number(got, "expectedOrderValue")).isCloseTo(want.expectedOrderValue(),
                    within(1e-6 * want.expectedOrderValue()));
            assertThat(number(got, "predictedLifetimeValue")).isCloseTo(want.lifetimeValue(),
                    within(1e-6 * Math.max(1, want.lifetimeValue())));
            assertThat(number(got, "purchaseHorizonDays")).isEqualTo(90);
            assertThat(number(got, "lifetimeHorizonMonths")).isEqualTo(12);
            assertThat(number(got, "annualDiscountRate")).isEqualTo(0.10);
        });
    }

    @Test
    void modelEndpointDescribesTheFit() {
        var direct = BgNbdModel.fit(summaries);

        JsonPath fit = given().get("/api/analytics/predictions/model").then().statusCode(200).extract().jsonPath();
        assertThat(fit.getString("status")).isEqualTo("succeeded");
        assertThat(fit.getString("model")).isEqualTo("bg-nbd+gamma-gamma");
        assertThat(fit.getLong("customers")).isEqualTo(summaries.size());
        assertThat(fit.getLong("repeatBuyers")).isEqualTo(summaries.stream().filter(c -> c.frequency() > 0).count());
        assertThat(fit.getBoolean("purchaseConverged")).isTrue();
        assertThat(fit.getBoolean("spendConverged")).isTrue();
        assertThat(fit.getDouble("purchaseLogLikelihood")).isCloseTo(direct.logLikelihood(), within(1e-6));
        assertThat(fit.getDouble("purchaseParameters.r")).isCloseTo(direct.model().r(), within(1e-6));
        assertThat(fit.getDouble("purchaseParameters.alpha")).isCloseTo(direct.model().alpha(), within(1e-6));
        assertThat(fit.getString("windowEnd")).isEqualTo(window.end().toString());
        assertThat(fit.getDouble("progress")).isEqualTo(1.0);
        assertThat(fit.getLong("durationMs")).isNotNull();
    }

    @Test
    void aLateProgressReportLeavesAFinishedFitAtItsEnd() {
        // The fit reports its progress without waiting for the write, so a report of the predicting phase can reach
        // the database after the fit was marked succeeded: it must not move the finished fit back.
        repository.progress(firstFit, 0.64, "predicting 192 of 300 customers", Instant.now()).await()
                .atMost(Duration.ofSeconds(30));

        JsonPath job = given().get("/api/analytics/predictions/jobs/" + firstFit).then().statusCode(200).extract()
                .jsonPath();
        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getDouble("progress")).isEqualTo(1.0);
        assertThat(job.getString("phase")).isEqualTo("done");
    }

    @Test
    void refreshWithoutNewOrdersRefitsAndPublishesNothing() {
        Response response = given().post("/api/analytics/predictions/refresh");
        response.then().statusCode(202).header("Location", containsString("/api/analytics/predictions/jobs/"));
        String location = response.header("Location");
        long version = response.jsonPath().getLong("version");

        JsonPath done = awaitJob(location);
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getLong("version")).isEqualTo(version);
        assertThat(done.getLong("published")).isZero();
    }

    @Test
    void customerListDetailDistributionAndCsvServeTheLatestFit() {
        String customer = summaries.stream().filter(c -> c.frequency() > 2).findFirst().orElseThrow().customerId();
        CustomerPrediction want = expected.get(customer);
        given().get("/api/analytics/predictions/{customer}", customer).then().statusCode(200)
                .body("customer", equalTo(customer));
        double alive = given().get("/api/analytics/predictions/{customer}", customer).jsonPath()
                .getDouble("probabilityAlive");
        assertThat(alive).isCloseTo(want.probabilityAlive(), within(1e-6));

        JsonPath page = given().get("/api/analytics/predictions?size=1000").then().statusCode(200).extract()
                .jsonPath();
        assertThat(page.getLong("total")).isEqualTo(expected.size());
        List<Double> values = page.getList("items.predictedLifetimeValue", Double.class);
        assertThat(values).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        long likelyAlive = expected.values().stream().filter(p -> p.probabilityAlive() >= 0.8).count();
        given().get("/api/analytics/predictions?minAlive=0.8&size=1").then().statusCode(200)
                .body("total", equalTo((int) likelyAlive)).body("items.size()", equalTo(likelyAlive > 0 ? 1 : 0));

        JsonPath histogram = given().get("/api/analytics/predictions/distribution?bins=10").then().statusCode(200)
                .extract().jsonPath();
        assertThat(histogram.getList("probabilityAlive.customers", Long.class).stream().mapToLong(Long::longValue)
                .sum()).isEqualTo(expected.size());
        assertThat(histogram.getList("lifetimeValue.customers", Long.class).stream().mapToLong(Long::longValue)
                .sum()).isEqualTo(expected.size());
        long aliveBins = expected.values().stream().filter(p -> p.probabilityAlive() >= 0.9).count();
        assertThat(histogram.getLong("probabilityAlive[9].customers")).isEqualTo(aliveBins);

        String csv = given().accept("text/csv").get("/api/analytics/predictions?size=5").then().statusCode(200)
                .extract().asString();
        assertThat(csv).startsWith("customer,model_version,frequency,");
        assertThat(csv.split("\r\n")).hasSize(6);
    }

    @Test
    void badParametersAreProblemsNamingTheFieldAndStartNothing() {
        long before = given().get("/api/analytics/predictions/model").jsonPath().getLong("version");
        for (String[] bad : new String[][]{{"post", "refresh?model=random-forest", "model"},
                {"get", "?minAlive=1.5", "minAlive"}, {"get", "?size=0", "size"}, {"get", "?sort=name", "sort"},
                {"get", "?order=up", "order"}, {"get", "?page=-1", "page"}, {"get", "/distribution?bins=1", "bins"},
                {"get", "/jobs/abc", "version"}}) {
            String path = "/api/analytics/predictions" + (bad[1].startsWith("?") || bad[1].startsWith("/")
                    ? ""
                    : "/") + bad[1];
            Response response = bad[0].equals("post") ? given().post(path) : given().get(path);
            response.then().statusCode(400).contentType("application/problem+json").body("field", equalTo(bad[2]));
        }
        given().get("/api/analytics/predictions/nobody-" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("field", equalTo("customer"));
        given().get("/api/analytics/predictions/jobs/999999").then().statusCode(404).body("field", equalTo("version"));
        given().get("/api/analytics/predictions/model").then().body("version", equalTo((int) before));
    }

    private static long refreshAndAwait(String query) {
        Response response = given().post("/api/analytics/predictions/refresh" + query);
        response.then().statusCode(202);
        JsonPath done = awaitJob(response.header("Location"));
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("succeeded");
        return done.getLong("version");
    }

    private static JsonPath awaitJob(String location) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = given().get(location).then().statusCode(200).extract().jsonPath();
            return !"running".equals(last[0].getString("status"));
        });
        return last[0];
    }

    private static double number(Map<String, Object> value, String field) {
        return ((Number) value.get(field)).doubleValue();
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedInfrastructure.bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "prediction-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(IsolatedInfrastructure.topic(Topics.PREDICTIONS)));
        return consumer;
    }

    /**
     * Customers who buy at their own Poisson rate and may drop out after each purchase (BG/NBD's story), with order
     * values around their own mean; at most one order a day each.
     */
    static List<Transaction> generate(int customers, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String customer = "pc-" + i;
            int day = random.nextInt(120);
            double rate = (0.2 + random.nextDouble() * 2) / 30;
            double dropout = random.nextDouble() * 0.4;
            double mean = 20 + random.nextDouble() * 80;
            while (day < 365) {
                double value = Math.round(mean * (0.5 + random.nextDouble()) * 100) / 100.0;
                out.add(new Transaction(customer, FIRST_DAY.plusDays(day), value));
                if (random.nextDouble() < dropout) {
                    break;
                }
                day += 1 + (int) (-Math.log(1 - random.nextDouble()) / rate);
            }
        }
        return out;
    }
}
