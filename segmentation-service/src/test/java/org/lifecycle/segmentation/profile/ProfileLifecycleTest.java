package org.lifecycle.segmentation.profile;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.segmentation.support.Events;
import org.lifecycle.segmentation.support.IsolatedInfrastructure;
import org.lifecycle.segmentation.support.TestClock;
import org.lifecycle.segmentation.support.TestKafka;
import org.lifecycle.segmentation.support.TestKafka.Read;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class ProfileLifecycleTest {

    @Inject
    TestClock clock;

    @Test
    void firstOrderMakesANewCustomerAnnouncedOnceEvenWhenRedelivered() {
        String user = Events.newCustomer();
        Instant at = clock.instant().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        CustomerEvent identify = Events.identify(user, at, user + "@example.com");
        CustomerEvent order = Events.order(user, "o-" + user, at.plusSeconds(60), "120.00");

        TestKafka.send(identify, order, order, identify);

        List<Read> transitions = TestKafka.awaitRecords(Topics.TRANSITIONS, 2, r -> user.equals(r.key()));
        assertThat(transitions).extracting(r -> r.value().path("toStage").asText())
                .containsExactly("prospect", "new_customer");
        Read newCustomer = transitions.get(1);
        assertThat(newCustomer.value().path("fromStage").asText()).isEqualTo("prospect");
        assertThat(Instant.parse(newCustomer.value().path("occurredAt").asText())).isEqualTo(at.plusSeconds(60));
        assertThat(newCustomer.value().path("cause").path("kind").asText()).isEqualTo("event");
        assertThat(newCustomer.value().path("cause").path("eventId").asText()).isEqualTo(order.id());
        assertThat(newCustomer.value().path("cause").path("rule").asText()).startsWith("new_customer");
        assertThat(newCustomer.value().path("modelVersion").asInt()).isEqualTo(1);

        // the same order again, redelivered and replayed under its id, and a later event to prove the
        // partition moved past them
        TestKafka.send(order, Events.page("anon-" + user, at.plusSeconds(120)));
        Awaitility.await("the later page view applied").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    String id = given().queryParam("anonymousId", "anon-" + user).get("/api/profiles").then()
                            .statusCode(200).extract().path("items[0].id");
                    assertThat(id).isNotNull();
                    String lastSeen = given().get("/api/profiles/" + id).then().statusCode(200).extract()
                            .path("lastSeen");
                    assertThat(Instant.parse(lastSeen)).isEqualTo(at.plusSeconds(120));
                });
        assertThat(TestKafka.records(Topics.TRANSITIONS, r -> user.equals(r.key()))).hasSize(2);
        List<Read> memberships = TestKafka.records(Topics.MEMBERSHIPS, r -> user.equals(r.key()));
        assertThat(memberships).filteredOn(r -> r.value().path("entered").asBoolean())
                .extracting(r -> r.value().path("segmentKey").asText())
                .contains("stage.prospect", "stage.new_customer", "behaviour.occasional_buyers")
                .doesNotHaveDuplicates();
        assertThat(memberships).filteredOn(r -> !r.value().path("entered").asBoolean())
                .extracting(r -> r.value().path("segmentKey").asText())
                .containsExactly("stage.prospect");
    }

    @Test
    void atRiskAndLapsedHappenOnTimeWhenOnlyTheClockMoves() {
        String user = Events.newCustomer();
        Instant ordered = clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestKafka.send(Events.order(user, "o-" + user, ordered, "80.00"));
        TestKafka.awaitRecords(Topics.TRANSITIONS, 1,
                r -> user.equals(r.key()) && "new_customer".equals(r.value().path("toStage").asText()));

        clock.advance(Duration.ofDays(91));
        Read atRisk = TestKafka.awaitRecords(Topics.TRANSITIONS, 1,
                r -> user.equals(r.key()) && "at_risk".equals(r.value().path("toStage").asText())).getFirst();
        assertThat(Instant.parse(atRisk.value().path("occurredAt").asText()))
                .isEqualTo(ordered.plus(Duration.ofDays(90)));
        assertThat(atRisk.value().path("cause").path("kind").asText()).isEqualTo("time");
        assertThat(atRisk.value().path("fromStage").asText()).isEqualTo("new_customer");

        clock.advance(Duration.ofDays(280));
        Read lapsed = TestKafka.awaitRecords(Topics.TRANSITIONS, 1,
                r -> user.equals(r.key()) && "lapsed".equals(r.value().path("toStage").asText())).getFirst();
        assertThat(Instant.parse(lapsed.value().path("occurredAt").asText()))
                .isEqualTo(ordered.plus(Duration.ofDays(365)));

        // ordering again is a win-back: a reactivation
        TestKafka.send(Events.order(user, "o2-" + user, clock.instant(), "95.00"));
        Read back = TestKafka.awaitRecords(Topics.TRANSITIONS, 1,
                r -> user.equals(r.key()) && "lapsed".equals(r.value().path("fromStage").asText())).getFirst();
        assertThat(back.value().path("reactivation").asBoolean()).isTrue();
    }
}
