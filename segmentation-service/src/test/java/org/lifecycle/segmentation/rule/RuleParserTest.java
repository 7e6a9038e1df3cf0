package org.lifecycle.segmentation.rule;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.lifecycle.segmentation.rule.RuleJson.json;

class RuleParserTest {

    private static final String KINDS = "all, any, not, trait, event, stage, rfm, attribute, orders, "
            + "days_since_last_order, revenue, score";

    static Stream<Arguments> oneViolation() {
        return Stream.of(
                Arguments.of("\"orders\"", "", "expected a condition object, found a string"),
                Arguments.of("{}", "", "empty condition: expected one of " + KINDS),
                Arguments.of("""
                        {"evnt": "Order Completed"}""", "/evnt",
                        "unknown key \"evnt\": a condition is one of " + KINDS),
                Arguments.of("""
                        {"trait": "plan", "op": "exists", "orders": {"gte": 1}}""", "/orders",
                        "a condition has exactly one kind, and \"trait\" already makes this one a trait condition"),
                Arguments.of("""
                        {"all": {"orders": {"gte": 1}}}""", "/all", "expected an array of conditions, found an object"),
                Arguments.of("""
                        {"any": []}""", "/any", "empty any: give at least one condition"),
                Arguments.of("""
                        {"all": []}""", "/all", "empty all: give at least one condition"),
                Arguments.of("""
                        {"all": [{"orders": {"gte": 1}}], "name": "x"}""", "/name",
                        "unknown key \"name\": expected all"),
                Arguments.of("""
                        {"not": [{"orders": {"gte": 1}}]}""", "/not", "expected a condition object, found an array"),
                Arguments.of("""
                        {"all": [{"orders": {"gte": 1}}, 3]}""", "/all/1",
                        "expected a condition object, found a number"),
                Arguments.of("""
                        {"trait": "", "op": "exists"}""", "/trait", "trait must not be empty"),
                Arguments.of("""
                        {"trait": "address..city", "op": "exists"}""", "/trait",
                        "expected a dotted trait path like address.city, found \"address..city\""),
                Arguments.of("""
                        {"trait": "plan"}""", "/op", "missing op"),
                Arguments.of("""
                        {"trait": "plan", "op": "like", "value": "p%"}""", "/op",
                        "unknown op \"like\": expected eq, neq, gt, gte, lt, lte, in, contains, exists or not_exists"),
                Arguments.of("""
                        {"trait": "plan", "op": "eq"}""", "/value",
                        "missing value: eq compares the trait with a value"),
                Arguments.of("""
                        {"trait": "plan", "op": "exists", "value": true}""", "/value", "exists takes no value"),
                Arguments.of("""
                        {"trait": "plan", "op": "eq", "value": {"a": 1}}""", "/value",
                        "expected a string, number or boolean, found an object"),
                Arguments.of("""
                        {"trait": "age", "op": "gt", "value": true}""", "/value",
                        "expected a number or a string, found a boolean"),
                Arguments.of("""
                        {"trait": "plan", "op": "in", "value": "pro"}""", "/value",
                        "expected an array of values, found a string"),
                Arguments.of("""
                        {"trait": "plan", "op": "in", "value": []}""", "/value", "in needs at least one value"),
                Arguments.of("""
                        {"trait": "plan", "op": "in", "value": ["pro", null]}""", "/value/1",
                        "expected a string, number or boolean, found null"),
                Arguments.of("""
                        {"trait": "plan", "op": "exists", "within_days": 3}""", "/within_days",
                        "unknown key \"within_days\": expected op, trait, value"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": 2}}""", "/within_days",
                        "missing within_days: the window in days, 1 to 3650"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": 2}, "within_days": 0}""", "/within_days",
                        "within_days must be between 1 and 3650, found 0"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": 2}, "within_days": 3651}""", "/within_days",
                        "within_days must be between 1 and 3650, found 3651"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": 2}, "within_days": "30"}""", "/within_days",
                        "expected a whole number of days, found a string"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": 2}, "within_days": 7.5}""", "/within_days",
                        "expected a whole number of days, found a number"),
                Arguments.of("""
                        {"event": "Order Completed", "within_days": 30}""", "/count",
                        "missing count or sum: what to compare about \"Order Completed\""),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": 1},
                         "sum": {"property": "revenue", "gte": 1}, "within_days": 30}""", "/sum",
                        "give either count or sum, not both"),
                Arguments.of("""
                        {"event": 42, "count": {"gte": 1}, "within_days": 30}""", "/event",
                        "expected a string, found a number"),
                Arguments.of("""
                        {"event": "Order Completed", "count": 2, "within_days": 30}""", "/count",
                        "expected a comparison like {\"gte\": 2}, found a number"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {}, "within_days": 30}""", "/count",
                        "missing comparison: give one of gte, gt, lte, lt or eq"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"between": [1, 2]}, "within_days": 30}""",
                        "/count/between", "unknown key \"between\": a comparison is one of gte, gt, lte, lt or eq"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": 1, "lte": 5}, "within_days": 30}""",
                        "/count/lte", "more than one comparison: gte and lte; for a range, combine two conditions "
                                + "with all"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": "2"}, "within_days": 30}""", "/count/gte",
                        "expected a number, found a string"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": 1.5}, "within_days": 30}""", "/count/gte",
                        "expected a whole number of at least 0, found 1.5"),
                Arguments.of("""
                        {"event": "Order Completed", "count": {"gte": -1}, "within_days": 30}""", "/count/gte",
                        "expected a whole number of at least 0, found -1"),
                Arguments.of("""
                        {"event": "Order Completed", "sum": {"gte": 500}, "within_days": 30}""", "/sum/property",
                        "missing property"),
                Arguments.of("""
                        {"event": "Order Completed", "sum": 500, "within_days": 30}""", "/sum",
                        "expected an object like {\"property\": \"revenue\", \"gte\": 500}, found a number"),
                Arguments.of("""
                        {"stage": ["active"]}""", "/stage", "expected an object like {\"in\": [...]}, found an array"),
                Arguments.of("""
                        {"stage": {}}""", "/stage/in", "missing in: the stage keys to match"),
                Arguments.of("""
                        {"stage": {"in": "active"}}""", "/stage/in", "expected an array of stage keys, found a string"),
                Arguments.of("""
                        {"stage": {"in": []}}""", "/stage/in", "give at least one stage"),
                Arguments.of("""
                        {"stage": {"in": ["active"], "not_in": ["lapsed"]}}""", "/stage/not_in",
                        "unknown key \"not_in\": expected in"),
                Arguments.of("""
                        {"rfm": {"in": ["champions", 7]}}""", "/rfm/in/1", "expected a RFM group key, found a number"),
                Arguments.of("""
                        {"attribute": "probability_alive"}""", "",
                        "missing comparison: give one of gte, gt, lte, lt or eq"),
                Arguments.of("""
                        {"attribute": "probability_alive", "gte": 0.2, "lt": 0.8}""", "/lt",
                        "more than one comparison: gte and lt; for a range, combine two conditions with all"),
                Arguments.of("""
                        {"attribute": "probability_alive", "neq": 0.5}""", "/neq",
                        "unknown key \"neq\": a comparison is one of gte, gt, lte, lt or eq"),
                Arguments.of("""
                        {"attribute": "", "gte": 0.5}""", "/attribute", "attribute must not be empty"),
                Arguments.of("""
                        {"orders": {"gte": 3}, "within_days": -5}""", "/within_days",
                        "within_days must be between 1 and 3650, found -5"),
                Arguments.of("""
                        {"orders": {"gte": 3}, "within_days": null}""", "/within_days",
                        "expected a whole number of days, found null"),
                Arguments.of("""
                        {"orders": 3}""", "/orders", "expected a comparison like {\"gte\": 2}, found a number"),
                Arguments.of("""
                        {"days_since_last_order": {"gte": 90}, "within_days": 365}""", "/within_days",
                        "unknown key \"within_days\": expected days_since_last_order"),
                Arguments.of("""
                        {"days_since_last_order": {"gte": 90.5}}""", "/days_since_last_order/gte",
                        "expected a whole number of at least 0, found 90.5"),
                Arguments.of("""
                        {"revenue": {"gte": "1000"}}""", "/revenue/gte", "expected a number, found a string"));
    }

    @ParameterizedTest
    @MethodSource
    void oneViolation(String rule, String pointer, String message) {
        assertThat(violations(rule)).containsExactly(new RuleViolation(pointer, message));
    }

    @Test
    void everyViolationIsReportedAtOnceWithItsPath() {
        List<RuleViolation> violations = violations("""
                {"all": [
                  {"event": "Order Completed", "count": {"gte": "2"}, "within_days": 365},
                  {"event": "Order Completed", "count": {"gte": 2, "gt": 1}, "within_days": 4000},
                  {"any": [{"trait": "plan", "op": "is", "value": "pro"}, {"colour": "red"}]},
                  {"not": {"rfm": {"in": []}}}
                ]}""");

        assertThat(violations).extracting(RuleViolation::pointer).containsExactly(
                "/all/0/count/gte",
                "/all/1/within_days",
                "/all/1/count/gt",
                "/all/2/any/0/op",
                "/all/2/any/1/colour",
                "/all/3/not/rfm/in");
    }

    @Test
    void pointersEscapeSlashAndTilde() {
        assertThat(violations("""
                {"all": [{"a/b~c": 1}]}""")).extracting(RuleViolation::pointer).containsExactly("/all/0/a~1b~0c");
    }

    @Test
    void nestingDeeperThanTenIsRejectedWhereItGoesTooDeep() {
        assertThat(violations(nested(10))).isEmpty();
        List<RuleViolation> tooDeep = violations(nested(11));
        assertThat(tooDeep).containsExactly(new RuleViolation("/not/not/not/not/not/not/not/not/not/not/all",
                "nesting deeper than 10 levels of all, any and not"));
    }

    @Test
    void moreThanOneHundredConditionsAreRejected() {
        assertThat(violations(conditions(100))).isEmpty();
        assertThat(violations(conditions(101)))
                .containsExactly(new RuleViolation("", "the rule has 101 conditions, more than the 100 allowed"));
    }

    @Test
    void theExceptionMessageListsTheViolations() {
        RuleException thrown = catchThrowableOfType(RuleException.class, () -> RuleParser.parse(json("""
                {"orders": {"gte": 1}, "within_days": 0}""")));
        assertThat(thrown).hasMessage("Invalid rule: /within_days: within_days must be between 1 and 3650, found 0");
    }

    /** {@code depth} groups around one condition: nine {@code not}s and an {@code all} for ten. */
    private static String nested(int depth) {
        return "{\"not\": ".repeat(depth - 1) + "{\"all\": [{\"orders\": {\"gte\": 1}}]}" + "}".repeat(depth - 1);
    }

    private static String conditions(int count) {
        return IntStream.range(0, count).mapToObj(index -> "{\"orders\": {\"gte\": " + index + "}}")
                .collect(Collectors.joining(",", "{\"any\": [", "]}"));
    }

    private static List<RuleViolation> violations(String rule) {
        RuleException thrown = catchThrowableOfType(RuleException.class, () -> RuleParser.parse(json(rule)));
        return thrown == null ? List.of() : thrown.violations();
    }
}
