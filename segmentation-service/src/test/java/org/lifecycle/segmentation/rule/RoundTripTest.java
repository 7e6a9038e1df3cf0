package org.lifecycle.segmentation.rule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifecycle.segmentation.rule.RuleJson.json;

class RoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"trait\":\"address.city\",\"op\":\"eq\",\"value\":\"Paris\"}",
            "{\"trait\":\"age\",\"op\":\"gte\",\"value\":18.5}",
            "{\"trait\":\"plan\",\"op\":\"in\",\"value\":[\"pro\",\"team\",3,true]}",
            "{\"trait\":\"email\",\"op\":\"not_exists\"}",
            "{\"event\":\"Order Completed\",\"count\":{\"gte\":2},\"within_days\":365}",
            "{\"event\":\"Order Completed\",\"sum\":{\"property\":\"revenue\",\"gt\":500.00},\"within_days\":30}",
            "{\"stage\":{\"in\":[\"active\",\"loyal\"]}}",
            "{\"rfm\":{\"in\":[\"champions\"]}}",
            "{\"attribute\":\"probability_alive\",\"lt\":0.5}",
            "{\"score\":\"engagement\",\"gte\":50}",
            "{\"orders\":{\"eq\":1}}",
            "{\"orders\":{\"gte\":3},\"within_days\":365}",
            "{\"days_since_last_order\":{\"lte\":90}}",
            "{\"revenue\":{\"gte\":1000},\"within_days\":365}",
            "{\"revenue\":{\"lt\":10.5}}",
            "{\"all\":[{\"any\":[{\"orders\":{\"gte\":1}},{\"not\":{\"rfm\":{\"in\":[\"at_risk\"]}}}]},"
                    + "{\"trait\":\"vip\",\"op\":\"eq\",\"value\":true}]}"})
    void aRuleWritesBackTheJsonItWasReadFrom(String text) {
        JsonNode source = json(text);
        Rule rule = RuleParser.parse(source);

        assertThat(rule.toJson()).isEqualTo(source);
        assertThat(RuleParser.parse(rule.toJson())).isEqualTo(rule);
    }
}
