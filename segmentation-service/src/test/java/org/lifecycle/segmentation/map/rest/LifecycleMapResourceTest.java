package org.lifecycle.segmentation.map.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The map's counts are asserted exactly, so this class runs in an application of its own: its own database holds
 * only the customers it creates, and its clock moves for them alone.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
@TestProfile(LifecycleMapResourceTest.OwnApplication.class)
class LifecycleMapResourceTest {

    /** No settings of its own: a profile of its own is what gives the class its own application and database. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final String MAP = "/api/lifecycle-map";
    private static final List<String> STAGES = List.of("prospect", "new_customer", "active", "loyal", "at_risk",
            "lapsed");
    private static final List<String> GROUPS = List.of("champions", "loyalists", "recent_customers", "high_potential",
            "needs_nurturing", "at_risk", "cant_lose", "about_to_lose");

    @Inject
    TestClock clock;

    @Test
    void theMapCountsEveryStageAndGroupNowAndAsOfAnEarlierMoment() {
        Instant start = clock.instant();
        Instant identified = start.minus(Duration.ofHours(2));
        Instant ordered = start.minus(Duration.ofHours(1));
        List<String> prospects = List.of(Events.newCustomer(), Events.newCustomer());
        List<String> buyers = List.of(Events.newCustomer(), Events.newCustomer(), Events.newCustomer());
        prospects.forEach(user -> TestKafka.send(Events.identify(user, identified, user + "@example.com")));
        buyers.forEach(user -> TestKafka.send(Events.order(user, "o-" + user, ordered, "50.00")));
        List<String> prospectIds = sortedIds(prospects);
        List<String> buyerIds = sortedIds(buyers);

        JsonPath before = awaitMap(Map.of("examples", "2"), map -> count(map, "new_customer") == 3);
        assertThat(before.getString("at")).isNull();
        assertThat(before.getInt("modelVersion")).isEqualTo(1);
        assertThat(before.getLong("total")).isEqualTo(5);
        assertThat(stageCounts(before)).isEqualTo(counts(STAGES, Map.of("prospect", 2L, "new_customer", 3L)));
        assertThat(groupCounts(before)).isEqualTo(counts(GROUPS, Map.of("high_potential", 3L)));
        assertThat(before.getLong("withoutOrders")).isEqualTo(2);
        assertThat(before.getList("stages.find { it.key == 'prospect' }.examples.id")).isEqualTo(prospectIds);
        assertThat(before.getList("stages.find { it.key == 'prospect' }.examples.email"))
                .containsExactlyInAnyOrder(prospects.get(0) + "@example.com", prospects.get(1) + "@example.com");
        assertThat(before.getList("stages.find { it.key == 'new_customer' }.examples.id"))
                .isEqualTo(buyerIds.subList(0, 2));
        assertThat(before.getList("stages.find { it.key == 'active' }.examples")).isEmpty();
        assertThat(before.getList("rfm.find { it.group == 'high_potential' }.examples.userId"))
                .hasSize(2).isSubsetOf(buyers);

        JsonPath none = map(Map.of("examples", "0"));
        assertThat(none.getList("stages.examples.flatten()")).isEmpty();
        assertThat(none.getList("rfm.examples.flatten()")).isEmpty();
        assertThat(none.getLong("total")).isEqualTo(5);

        clock.advance(Duration.ofDays(91));
        JsonPath after = awaitMap(Map.of(), map -> count(map, "at_risk") == 3);
        assertThat(after.getLong("total")).isEqualTo(5);
        assertThat(stageCounts(after)).isEqualTo(counts(STAGES, Map.of("prospect", 2L, "at_risk", 3L)));
        assertThat(groupCounts(after)).isEqualTo(counts(GROUPS, Map.of("about_to_lose", 3L)));
        assertThat(after.getLong("withoutOrders")).isEqualTo(2);
        assertThat(after.getList("stages.find { it.key == 'at_risk' }.examples.id")).isEqualTo(buyerIds);

        JsonPath asOfStart = map(Map.of("at", start.toString()));
        assertThat(asOfStart.getString("at")).isEqualTo(start.toString());
        assertThat(asOfStart.getLong("total")).isEqualTo(5);
        assertThat(stageCounts(asOfStart)).isEqualTo(counts(STAGES, Map.of("prospect", 2L, "new_customer", 3L)));
        assertThat(groupCounts(asOfStart)).isEqualTo(counts(GROUPS, Map.of("high_potential", 3L)));
        assertThat(asOfStart.getLong("withoutOrders")).isEqualTo(2);
        assertThat(asOfStart.getList("stages.find { it.key == 'new_customer' }.examples.id")).isEqualTo(buyerIds);
        assertThat(asOfStart.getList("stages.find { it.key == 'prospect' }.examples.userId"))
                .containsExactlyInAnyOrderElementsOf(prospects);

        JsonPath asOfNow = map(Map.of("at", clock.instant().toString()));
        assertThat(stageCounts(asOfNow)).isEqualTo(counts(STAGES, Map.of("prospect", 2L, "at_risk", 3L)));
        assertThat(groupCounts(asOfNow)).isEqualTo(counts(GROUPS, Map.of("about_to_lose", 3L)));

        JsonPath asOfBeforeOrders = map(Map.of("at", ordered.minusSeconds(1).toString()));
        assertThat(asOfBeforeOrders.getLong("total")).isEqualTo(2);
        assertThat(stageCounts(asOfBeforeOrders)).isEqualTo(counts(STAGES, Map.of("prospect", 2L)));
        assertThat(asOfBeforeOrders.getLong("withoutOrders")).isEqualTo(2);

        JsonPath asOfBeforeAnyone = map(Map.of("at", identified.minusSeconds(1).toString(), "examples", "0"));
        assertThat(asOfBeforeAnyone.getLong("total")).isZero();
        assertThat(stageCounts(asOfBeforeAnyone)).isEqualTo(counts(STAGES, Map.of()));
        assertThat(groupCounts(asOfBeforeAnyone)).isEqualTo(counts(GROUPS, Map.of()));
        assertThat(asOfBeforeAnyone.getLong("withoutOrders")).isZero();
    }

    private static JsonPath map(Map<String, String> query) {
        return given().queryParams(query).get(MAP).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitMap(Map<String, String> query, Predicate<JsonPath> ready) {
        AtomicReference<JsonPath> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.set(map(query));
            return ready.test(found.get());
        });
        return found.get();
    }

    private static long count(JsonPath map, String stage) {
        return ((Number) map.get("stages.find { it.key == '" + stage + "' }.count")).longValue();
    }

    /** The stages as listed, in order, with their counts. */
    private static Map<String, Long> stageCounts(JsonPath map) {
        return ordered(map.getList("stages.key", String.class), map.getList("stages.count", Long.class));
    }

    private static Map<String, Long> groupCounts(JsonPath map) {
        return ordered(map.getList("rfm.group", String.class), map.getList("rfm.count", Long.class));
    }

    private static Map<String, Long> ordered(List<String> keys, List<Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), counts.get(i));
        }
        return out;
    }

    /** Every key in order, with the given counts and 0 for the others. */
    private static Map<String, Long> counts(List<String> keys, Map<String, Long> nonZero) {
        Map<String, Long> out = new LinkedHashMap<>();
        keys.forEach(key -> out.put(key, nonZero.getOrDefault(key, 0L)));
        return out;
    }

    /** The profile ids of the users, once each has a profile, in id order (the order examples are picked in). */
    private static List<String> sortedIds(List<String> users) {
        List<String> ids = new ArrayList<>();
        for (String user : users) {
            AtomicReference<String> id = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<String> found = given().queryParam("userId", user).get("/api/profiles").then().statusCode(200)
                        .extract().jsonPath().getList("items.id", String.class);
                id.set(found.isEmpty() ? null : found.getFirst());
                return id.get() != null;
            });
            ids.add(id.get());
        }
        // PostgreSQL orders UUIDs as unsigned bytes, which is the order of their lowercase text; UUID.compareTo
        // compares signed numbers and would not agree.
        ids.sort(Comparator.naturalOrder());
        return ids;
    }
}
