package org.lifecycle.campaign.journey.definition;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.condition.Condition;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.lifecycle.campaign.journey.TestJson.json;
import static org.lifecycle.campaign.journey.TestJson.object;

/** The condition language of branches, trigger filters and goals: what each fact reads and how it compares. */
class ConditionTest {

    private static final Contact ANNA = Contact.builder("anna")
            .traits(object("""
                    {"plan": "pro", "age": 34, "address": {"city": "Paris"}, "tags": ["vip", "beta"],
                     "signed_up_at": "2025-03-01"}"""))
            .email("anna@example.com")
            .timeZone("Europe/Paris")
            .stage("active")
            .segment("rfm.champions")
            .segment("behaviour.engaged")
            .consent(Channel.SMS, true)
            .consent(Channel.PUSH, false)
            .attribute("predicted_clv", new BigDecimal("812.40"))
            .attribute("probability_alive", new BigDecimal("0.83"))
            .orders(5, new BigDecimal("420.00"))
            .build();

    private static final ObjectNode CHECKOUT = object("""
            {"value": 120.5, "currency": "EUR", "coupon": "SPRING",
             "products": [{"product_id": "p1"}], "shipping": {"method": "express"}}""");

    private static Condition condition(String text) {
        Violations violations = new Violations();
        Condition condition = ConditionParser.parse(json(text), "", violations);
        violations.throwIfAny();
        return condition;
    }

    static Stream<Arguments> holds() {
        return Stream.of(
                Arguments.of("{\"fact\": \"stage\", \"op\": \"eq\", \"value\": \"active\"}", true),
                Arguments.of("{\"fact\": \"stage\", \"op\": \"in\", \"value\": [\"at_risk\", \"lapsed\"]}", false),
                Arguments.of("{\"fact\": \"segments\", \"op\": \"contains\", \"value\": \"rfm.champions\"}", true),
                Arguments.of("{\"fact\": \"segments\", \"op\": \"contains\", \"value\": \"rfm.at_risk\"}", false),
                Arguments.of("{\"fact\": \"email\", \"op\": \"exists\"}", true),
                Arguments.of("{\"fact\": \"phone\", \"op\": \"exists\"}", false),
                Arguments.of("{\"fact\": \"phone\", \"op\": \"not_exists\"}", true),
                Arguments.of("{\"fact\": \"timezone\", \"op\": \"eq\", \"value\": \"Europe/Paris\"}", true),
                Arguments.of("{\"fact\": \"orders\", \"op\": \"gte\", \"value\": 5}", true),
                Arguments.of("{\"fact\": \"orders\", \"op\": \"gt\", \"value\": 5}", false),
                Arguments.of("{\"fact\": \"revenue\", \"op\": \"eq\", \"value\": 420}", true),
                Arguments.of("{\"fact\": \"trait.plan\", \"op\": \"eq\", \"value\": \"pro\"}", true),
                Arguments.of("{\"fact\": \"trait.address.city\", \"op\": \"in\", \"value\": [\"Lyon\", \"Paris\"]}",
                        true),
                Arguments.of("{\"fact\": \"trait.tags\", \"op\": \"contains\", \"value\": \"vip\"}", true),
                Arguments.of("{\"fact\": \"trait.plan\", \"op\": \"contains\", \"value\": \"r\"}", true),
                Arguments.of("{\"fact\": \"trait.signed_up_at\", \"op\": \"lt\", \"value\": \"2025-06-01\"}", true),
                Arguments.of("{\"fact\": \"trait.age\", \"op\": \"eq\", \"value\": 34.0}", true),
                Arguments.of("{\"fact\": \"trait.age\", \"op\": \"eq\", \"value\": \"34\"}", false),
                Arguments.of("{\"fact\": \"trait.age\", \"op\": \"gt\", \"value\": \"30\"}", false),
                Arguments.of("{\"fact\": \"trait.shoe_size\", \"op\": \"neq\", \"value\": 42}", true),
                Arguments.of("{\"fact\": \"trait.shoe_size\", \"op\": \"lt\", \"value\": 42}", false),
                Arguments.of("{\"fact\": \"attribute.predicted_clv\", \"op\": \"gte\", \"value\": 500}", true),
                Arguments.of("{\"fact\": \"attribute.probability_alive\", \"op\": \"lt\", \"value\": 0.2}", false),
                Arguments.of("{\"fact\": \"attribute.expected_orders\", \"op\": \"lt\", \"value\": 1}", false),
                Arguments.of("{\"fact\": \"consent.sms\", \"op\": \"eq\", \"value\": true}", true),
                Arguments.of("{\"fact\": \"consent.push\", \"op\": \"eq\", \"value\": true}", false),
                Arguments.of("{\"fact\": \"consent.email\", \"op\": \"not_exists\"}", true),
                Arguments.of("{\"fact\": \"event.value\", \"op\": \"gte\", \"value\": 100}", true),
                Arguments.of("{\"fact\": \"event.shipping.method\", \"op\": \"eq\", \"value\": \"express\"}", true),
                Arguments.of("{\"fact\": \"event.coupon\", \"op\": \"exists\"}", true),
                Arguments.of("{\"fact\": \"event.discount\", \"op\": \"exists\"}", false),
                Arguments.of("""
                        {"all": [{"fact": "stage", "op": "eq", "value": "active"},
                                 {"not": {"fact": "consent.push", "op": "eq", "value": true}}]}""", true),
                Arguments.of("""
                        {"any": [{"fact": "stage", "op": "eq", "value": "lapsed"},
                                 {"fact": "orders", "op": "lt", "value": 2}]}""", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void holds(String condition, boolean expected) {
        assertThat(condition(condition).test(ANNA, CHECKOUT)).isEqualTo(expected);
    }

    @Test
    void eventFactsAreAbsentWhenThereIsNoEvent() {
        Condition condition = condition("{\"fact\": \"event.value\", \"op\": \"not_exists\"}");

        assertThat(condition.test(ANNA, object("{}"))).isTrue();
    }

    static Stream<Arguments> violation() {
        return Stream.of(
                Arguments.of("\"stage\"", "", "expected a condition object, found a string"),
                Arguments.of("{}", "", "empty condition: expected one of all, any, not, fact"),
                Arguments.of("{\"trait\": \"plan\"}", "/trait",
                        "unknown key \"trait\": a condition is one of all, any, not, fact"),
                Arguments.of("{\"fact\": \"stage\", \"op\": \"exists\", \"all\": []}", "/all",
                        "a condition has exactly one kind, and \"fact\" already makes this one a fact condition"),
                Arguments.of("{\"all\": []}", "/all", "empty all: give at least one condition"),
                Arguments.of("{\"any\": {}}", "/any", "expected an array of conditions, found an object"),
                Arguments.of("{\"not\": [1]}", "/not", "expected a condition object, found an array"),
                Arguments.of("{\"fact\": \"stage\"}", "/op", "missing op"),
                Arguments.of("{\"fact\": \"stage\", \"op\": \"eq\"}", "/value",
                        "missing value: eq compares the fact with a value"),
                Arguments.of("{\"fact\": \"stage\", \"op\": \"exists\", \"value\": 1}", "/value",
                        "exists takes no value"),
                Arguments.of("{\"fact\": \"stage\", \"op\": \"eq\", \"value\": [1]}", "/value",
                        "expected a string, number or boolean, found an array"),
                Arguments.of("{\"fact\": \"orders\", \"op\": \"gt\", \"value\": true}", "/value",
                        "expected a number or a string, found a boolean"),
                Arguments.of("{\"fact\": \"stage\", \"op\": \"in\", \"value\": []}", "/value",
                        "in needs at least one value"),
                Arguments.of("{\"fact\": \"stage\", \"op\": \"in\", \"value\": [\"a\", {}]}", "/value/1",
                        "expected a string, number or boolean, found an object"),
                Arguments.of("{\"fact\": \"event..value\", \"op\": \"exists\"}", "/fact",
                        "expected a dotted name after the prefix, like trait.address.city, found \"event..value\""),
                Arguments.of("{\"fact\": \"stage\", \"op\": \"exists\", \"within_days\": 3}", "/within_days",
                        "unknown key \"within_days\": expected fact, op, value"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource
    void violation(String condition, String pointer, String message) {
        assertThat(catchThrowableOfType(JourneyException.class, () -> condition(condition)).violations())
                .containsExactly(new JourneyViolation(pointer, message));
    }

    @Test
    void conditionsNestAtMostTenDeep() {
        String nested = "{\"fact\": \"stage\", \"op\": \"exists\"}";
        for (int depth = 0; depth < ConditionParser.MAX_DEPTH + 1; depth++) {
            nested = "{\"not\": " + nested + "}";
        }
        String deep = nested;

        assertThat(catchThrowableOfType(JourneyException.class, () -> condition(deep)).violations())
                .containsExactly(
                        new JourneyViolation("/not".repeat(11), "nesting deeper than 10 levels of all, any and not"));
    }

    @Test
    void aConditionHoldsAtMostFiftyComparisons() {
        String many = String.join(",", Collections.nCopies(ConditionParser.MAX_COMPARISONS + 1,
                "{\"fact\": \"stage\", \"op\": \"exists\"}"));

        assertThat(catchThrowableOfType(JourneyException.class, () -> condition("{\"any\": [" + many + "]}"))
                .violations()).isEqualTo(List.of(
                        new JourneyViolation("",
                                "the condition has 51 comparisons, more than the 50 allowed")));
    }
}
