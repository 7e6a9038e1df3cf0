package org.lifecycle.analytics.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.lifecycle.analytics.support.IsolatedInfrastructure;
import org.lifecycle.analytics.support.TopicWriter;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.dispatch.Dispatch;
import org.lifecycle.contracts.dispatch.DispatchType;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.email.EmailEvents;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.transition.StageTransition;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.analytics.support.Records.dispatch;
import static org.lifecycle.analytics.support.Records.email;
import static org.lifecycle.analytics.support.Records.entered;
import static org.lifecycle.analytics.support.Records.exited;
import static org.lifecycle.analytics.support.Records.order;
import static org.lifecycle.analytics.support.Records.page;
import static org.lifecycle.analytics.support.Records.rating;
import static org.lifecycle.analytics.support.Records.refund;
import static org.lifecycle.analytics.support.Records.survey;
import static org.lifecycle.analytics.support.Records.transition;
import static org.lifecycle.analytics.support.Records.unique;

/** Kafka delivers at least once: records delivered again, on every topic, change no aggregate. */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class RedeliveryTest {

    private static final Duration APPLIED = Duration.ofSeconds(120);
    private static final List<String> TABLES = List.of("customer_order", "customer_month", "daily_refund",
            "daily_visitor", "profile_stage", "stage_delta", "stage_flow", "segment_member", "campaign_contact",
            "campaign_holdout", "order_product", "product_count", "product_pair", "basket_total", "stage_history",
            "segment_change", "signal_response", "visitor_attribute");
    private static final String RANGE = "from=2035-02-01&to=2035-02-28";

    @Inject
    Pool pool;

    @Test
    void redeliveredRecordsChangeNoAggregate() {
        String journey = unique("winback");
        List<CustomerEvent> events = new ArrayList<>();
        List<StageTransition> transitions = new ArrayList<>();
        List<MembershipChange> memberships = new ArrayList<>();
        List<Dispatch> dispatches = new ArrayList<>();
        Instant day = Instant.parse("2035-02-03T09:00:00Z");
        for (int i = 0; i < 12; i++) {
            String customer = unique("c" + i);
            Instant at = day.plus(Duration.ofHours(i * 7));
            events.add(page(customer, at.minusSeconds(60)));
            events.add(page(customer, at.minusSeconds(50), "/p" + (i % 3),
                    "{\"campaign\":{\"source\":\"news\",\"medium\":\"email\"},\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64)\"}"));
            events.add(survey(customer, i % 11, i % 2 == 0 ? 5 : 2, "{\"why\":\"price\"}", at.plusSeconds(3600)));
            if (i % 3 == 0) {
                events.add(rating(customer, i % 2 == 0 ? "good" : "bad", at.plusSeconds(7200)));
            }
            events.add(order(customer, unique("o"), (10 + i) + ".50", i % 2 == 0 ? "4.00" : null, at, unique("m")));
            if (i % 3 == 0) {
                events.add(order(customer, unique("o"), "7.25", at.plus(Duration.ofDays(9))));
            }
            if (i % 4 == 0) {
                events.add(refund(customer, unique("r"), "3.00", at.plus(Duration.ofDays(1))));
            }
            transitions.add(transition(customer, null, "new_customer", at, false));
            if (i % 5 == 0) {
                transitions.add(transition(customer, "new_customer", "lapsed", at.plus(Duration.ofDays(5)), false));
                transitions.add(transition(customer, "lapsed", "active", at.plus(Duration.ofDays(9)), true));
            }
            memberships.add(entered(customer, "engaged", at.minusSeconds(30)));
            if (i % 2 == 1) {
                memberships.add(exited(customer, "engaged", at.plus(Duration.ofDays(3))));
            }
            if (i < 8) {
                dispatches.add(dispatch(DispatchType.SENT, customer, journey, "s1", i % 2 == 0 ? "A" : "B",
                        at.plusSeconds(120), null));
                dispatches.add(dispatch(DispatchType.DELIVERED, customer, journey, "s1", null, at.plusSeconds(130),
                        null));
                events.add(email(customer, EmailEvents.EMAIL_OPENED, journey, "s1", at.plusSeconds(600)));
            } else {
                dispatches.add(dispatch(DispatchType.SUPPRESSED, customer, journey, "entry", null,
                        at.plusSeconds(120), "held_out"));
            }
        }
        send(events, transitions, memberships, dispatches);
        Map<String, List<String>> first = snapshot(journey);
        assertThat(first.get("customer_order")).isNotEmpty();
        assertThat(first.get("campaign_contact")).isNotEmpty();
        assertThat(first.get("campaign_holdout")).isNotEmpty();
        assertThat(first.get("signal_response")).filteredOn(line -> line.contains(",2035-02-")).hasSize(16);
        assertThat(first.get("visitor_attribute")).isNotEmpty();
        assertThat(first.get("/api/analytics/summary?" + RANGE)).anyMatch(line -> line.contains("\"orders\":16"));

        send(events, transitions, memberships, dispatches);
        assertThat(snapshot(journey)).isEqualTo(first);
    }

    private static void send(List<CustomerEvent> events, List<StageTransition> transitions,
            List<MembershipChange> memberships, List<Dispatch> dispatches) {
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(Topics.TRANSITIONS, transitions);
            writer.send(Topics.MEMBERSHIPS, memberships);
            writer.send(Topics.EVENTS, events);
            writer.send(Topics.DISPATCHES, dispatches);
        }
        TopicWriter.awaitApplied(APPLIED, Topics.EVENTS, Topics.TRANSITIONS, Topics.MEMBERSHIPS, Topics.DISPATCHES);
    }

    /** Every aggregate row, and every figure the API gives for the test's days. */
    private Map<String, List<String>> snapshot(String journey) {
        Map<String, List<String>> snapshot = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<String> rows = new ArrayList<>();
            for (Row row : pool.query("select t::text as line from " + table + " t order by 1").execute().await()
                    .indefinitely()) {
                rows.add(row.getString("line"));
            }
            snapshot.put(table, rows);
        }
        for (String path : List.of("/api/analytics/daily?" + RANGE, "/api/analytics/summary?" + RANGE,
                "/api/analytics/stages?" + RANGE, "/api/analytics/flows?byDay=true&" + RANGE,
                "/api/analytics/cohorts?from=2035-02&to=2035-03", "/api/analytics/campaigns?bySegment=true&" + RANGE,
                "/api/analytics/campaigns/" + journey + "/ab-tests?" + RANGE,
                "/api/analytics/campaigns/" + journey + "/holdout?" + RANGE,
                "/api/analytics/satisfaction?interval=day&groupBy=stage&" + RANGE,
                "/api/analytics/satisfaction?groupBy=segment&" + RANGE,
                "/api/analytics/visitors/comparison?" + RANGE)) {
            snapshot.put(path, List.of(given().when().get(path).then().statusCode(200).extract().asString()));
        }
        return snapshot;
    }
}
