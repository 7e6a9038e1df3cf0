package org.lifecycle.campaign.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.runtime.repository.Db;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.campaign.support.Records;
import org.lifecycle.campaign.support.TestClock;
import org.lifecycle.contracts.Topics;
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.contracts.prediction.PredictionType;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Win-back offers sized by analytics' predictions: {@code lifecycle.predictions} sets the contact's predicted lifetime
 * value and probability of buying again (a later record wins, an older one arriving late changes nothing), and the
 * offer's tier and discount follow them rather than the customer's history.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class PredictedOfferTest {

    static final String WIN_BACK = """
            {"key": "%KEY%", "name": "Win back", "trigger": {"type": "event", "event": "Lapsed %KEY%"},
             "steps": [{"id": "offer", "type": "send", "channel": "email", "template": "win_back_offer",
                        "offer": "win_back"}]}""";

    @Inject
    TestClock clock;

    @Inject
    Db db;

    @Test
    void theOfferFollowsTheLatestPredictionOfValueAndReturn() {
        String key = Journeys.activate(WIN_BACK);
        String valuable = Contacts.unique("c");
        String modest = Contacts.unique("c");
        Instant fitted = clock.instant();
        Records.publish(Topics.PREDICTIONS, prediction(valuable, 0.1, 800.0, fitted));
        Records.publish(Topics.PREDICTIONS, prediction(modest, 0.9, 40.0, fitted));
        // an older fit, delivered late: ignored
        Records.publish(Topics.PREDICTIONS, prediction(modest, 0.05, 900.0, fitted.minus(Duration.ofDays(7))));
        // a prediction without a lifetime value: the value falls back to the history (none: low)
        String unvalued = Contacts.unique("c");
        Records.publish(Topics.PREDICTIONS, prediction(unvalued, 0.3, null, fitted));
        Records.publish(Topics.PREDICTIONS, prediction(Contacts.unique("marker"), 0.5, 1.0, fitted));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> predicted(valuable) && predicted(modest)
                && predicted(unvalued));

        assertThat(offerAfterTrigger(key, valuable)).containsEntry("percentOff", 25)
                .containsEntry("value", "HIGH").containsEntry("likelihood", "UNLIKELY")
                .containsEntry("valueBasis", "PREDICTED").containsEntry("likelihoodBasis", "PREDICTED");
        assertThat(offerAfterTrigger(key, modest)).containsEntry("percentOff", 0)
                .containsEntry("value", "LOW").containsEntry("likelihood", "LIKELY");
        assertThat(offerAfterTrigger(key, unvalued)).containsEntry("percentOff", 10)
                .containsEntry("value", "LOW").containsEntry("likelihood", "UNCERTAIN")
                .containsEntry("valueBasis", "HISTORICAL").containsEntry("likelihoodBasis", "PREDICTED");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> offerAfterTrigger(String key, String customer) {
        Records.publish(Topics.EVENTS, Records.track(customer, "Lapsed " + key, clock.instant(), Records.object()));
        Journeys.awaitMessages(customer, list -> !list.isEmpty());
        return (Map<String, Object>) Journeys.messages(customer).getFirst().get("offer");
    }

    private boolean predicted(String customer) {
        return db.inTransaction(tx -> tx.query("select 1 from contact where customer_key = $1 "
                + "and attributes ? 'probability_alive'", customer).size() > 0);
    }

    private static CustomerPrediction prediction(String customer, double probabilityAlive, Double value,
            Instant at) {
        return new CustomerPrediction(UUID.randomUUID().toString(), PredictionType.PREDICTION_UPDATED,
                CustomerPrediction.VERSION, at, at, customer, "bg_nbd_gamma_gamma", 1, probabilityAlive, 1.5, 90,
                value == null ? null : 50.0, value, 12, 0.1, at);
    }
}
