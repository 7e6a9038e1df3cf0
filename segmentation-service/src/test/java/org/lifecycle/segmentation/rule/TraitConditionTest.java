package org.lifecycle.segmentation.rule;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.segmentation.rule.FactsBuilder.customer;
import static org.lifecycle.segmentation.rule.RuleJson.rule;

class TraitConditionTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    private final FactsBuilder parisian = customer().traits("""
            {"address": {"city": "Paris"}, "age": 34, "plan": "pro", "vip": true,
             "signed_up": "2024-03-01", "tags": ["newsletter", "beta"], "score": 3.0}""");

    @Test
    void eqComparesStringsCaseSensitively() {
        assertThat(matches("""
                {"trait": "address.city", "op": "eq", "value": "Paris"}""")).isTrue();
        assertThat(matches("""
                {"trait": "address.city", "op": "eq", "value": "paris"}""")).isFalse();
    }

    @Test
    void eqComparesNumbersNumericallyAndNeverAcrossTypes() {
        assertThat(matches("""
                {"trait": "score", "op": "eq", "value": 3}""")).isTrue();
        assertThat(matches("""
                {"trait": "age", "op": "eq", "value": "34"}""")).isFalse();
        assertThat(matches("""
                {"trait": "vip", "op": "eq", "value": true}""")).isTrue();
    }

    @Test
    void neqIsTheNegationOfEqAndSoMatchesACustomerWithoutTheTrait() {
        assertThat(matches("""
                {"trait": "address.city", "op": "neq", "value": "Lyon"}""")).isTrue();
        assertThat(matches("""
                {"trait": "address.city", "op": "neq", "value": "Paris"}""")).isFalse();
        assertThat(matches("""
                {"trait": "address.country", "op": "neq", "value": "FR"}""")).isTrue();
    }

    @Test
    void orderingOperatorsCompareNumbers() {
        assertThat(matches("""
                {"trait": "age", "op": "gt", "value": 33}""")).isTrue();
        assertThat(matches("""
                {"trait": "age", "op": "gt", "value": 34}""")).isFalse();
        assertThat(matches("""
                {"trait": "age", "op": "gte", "value": 34}""")).isTrue();
        assertThat(matches("""
                {"trait": "age", "op": "lt", "value": 34.5}""")).isTrue();
        assertThat(matches("""
                {"trait": "age", "op": "lt", "value": 34}""")).isFalse();
        assertThat(matches("""
                {"trait": "age", "op": "lte", "value": 34}""")).isTrue();
    }

    @Test
    void orderingOperatorsCompareStringsSoIsoDatesOrder() {
        assertThat(matches("""
                {"trait": "signed_up", "op": "gte", "value": "2024-01-01"}""")).isTrue();
        assertThat(matches("""
                {"trait": "signed_up", "op": "lt", "value": "2024-01-01"}""")).isFalse();
    }

    @Test
    void orderingAcrossTypesOrOnAnAbsentTraitNeverMatches() {
        assertThat(matches("""
                {"trait": "age", "op": "gt", "value": "10"}""")).isFalse();
        assertThat(matches("""
                {"trait": "age", "op": "lte", "value": "99"}""")).isFalse();
        assertThat(matches("""
                {"trait": "height", "op": "lt", "value": 200}""")).isFalse();
    }

    @Test
    void inMatchesAnyListedValue() {
        assertThat(matches("""
                {"trait": "plan", "op": "in", "value": ["basic", "pro"]}""")).isTrue();
        assertThat(matches("""
                {"trait": "plan", "op": "in", "value": ["basic", "team"]}""")).isFalse();
        assertThat(matches("""
                {"trait": "age", "op": "in", "value": [34.0, 40]}""")).isTrue();
        assertThat(matches("""
                {"trait": "missing", "op": "in", "value": ["x"]}""")).isFalse();
    }

    @Test
    void containsFindsASubstringOrAnArrayElement() {
        assertThat(matches("""
                {"trait": "address.city", "op": "contains", "value": "ari"}""")).isTrue();
        assertThat(matches("""
                {"trait": "address.city", "op": "contains", "value": "ARI"}""")).isFalse();
        assertThat(matches("""
                {"trait": "tags", "op": "contains", "value": "beta"}""")).isTrue();
        assertThat(matches("""
                {"trait": "tags", "op": "contains", "value": "bet"}""")).isFalse();
        assertThat(matches("""
                {"trait": "age", "op": "contains", "value": 3}""")).isFalse();
    }

    @Test
    void existsAndNotExistsLookAtPresence() {
        assertThat(matches("""
                {"trait": "address.city", "op": "exists"}""")).isTrue();
        assertThat(matches("""
                {"trait": "address.zip", "op": "exists"}""")).isFalse();
        assertThat(matches("""
                {"trait": "address.zip", "op": "not_exists"}""")).isTrue();
        assertThat(matches("""
                {"trait": "address.city.name", "op": "not_exists"}""")).isTrue();
    }

    @Test
    void aNullTraitIsAbsent() {
        FactsBuilder facts = customer().traits("""
                {"city": null}""");
        assertThat(rule("""
                {"trait": "city", "op": "not_exists"}""").matches(facts, NOW)).isTrue();
    }

    @Test
    void emailPhoneAndTimezoneAreTheProfilesOwnFields() {
        FactsBuilder facts = customer().traits("""
                {"email": "old@example.com"}""")
                .email("ada@example.com").phone("+33612345678").timeZone("Europe/Paris");

        assertThat(rule("""
                {"trait": "email", "op": "eq", "value": "ada@example.com"}""").matches(facts, NOW)).isTrue();
        assertThat(rule("""
                {"trait": "phone", "op": "contains", "value": "+336"}""").matches(facts, NOW)).isTrue();
        assertThat(rule("""
                {"trait": "timezone", "op": "eq", "value": "Europe/Paris"}""").matches(facts, NOW)).isTrue();
        assertThat(rule("""
                {"trait": "email", "op": "exists"}""").matches(customer(), NOW)).isFalse();
    }

    @Test
    void traitsChangeOnlyWithAnEvent() {
        assertThat(rule("""
                {"trait": "age", "op": "gte", "value": 18}""").nextChange(parisian, NOW)).isNull();
    }

    private boolean matches(String json) {
        return rule(json).matches(parisian, NOW);
    }
}
