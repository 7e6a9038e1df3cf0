package org.lifecycle.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json: Helm refuses wrong types and unknown keys before rendering anything. */
class ValuesSchemaTest {

    @Test
    void aWrongTypeIsRejected() {
        assertRejected("""
                services:
                  ingestion:
                    replicas: two
                """, "replicas");
    }

    @Test
    void aNumberWhereABooleanBelongsIsRejected() {
        assertRejected("""
                ingress:
                  enabled: 1
                """, "enabled");
    }

    @Test
    void anUnknownTopLevelKeyIsRejected() {
        assertRejected("""
                replicaCount: 3
                """, "replicaCount");
    }

    @Test
    void aMisspelledNestedKeyIsRejected() {
        assertRejected("""
                services:
                  campaign:
                    resources:
                      limits: {cpu: "1", memory: 1Gi}
                      request: {cpu: 100m, memory: 256Mi}
                """, "request");
    }

    @Test
    void anUnknownServiceIsRejected() {
        assertRejected("""
                services:
                  billing:
                    port: 8085
                """, "billing");
    }

    @Test
    void aBadEnumValueIsRejected() {
        assertRejected("""
                delivery:
                  smtp:
                    startTls: MAYBE
                """, "startTls");
    }

    @Test
    void aTopicListEntryMayBeANameOrAnObjectButNothingElse() {
        assertThat(Chart.render(Chart.valuesFile("""
                kafka:
                  topics:
                    create: true
                    names:
                      - lifecycle.events
                      - {name: lifecycle.predictions, partitions: 6}
                """)).custom("KafkaTopic")).hasSize(4);
        assertRejected("""
                kafka:
                  topics:
                    names:
                      - 42
                """, "names");
    }

    @Test
    void anImpossibleSendPolicyValueIsRejected() {
        assertRejected("""
                sendPolicy:
                  channels:
                    email: {perDay: 0}
                """, "perDay");
        assertRejected("""
                sendPolicy:
                  channels:
                    sms: {perWeek: -2}
                """, "perWeek");
        assertRejected("""
                sendPolicy:
                  quietHours: {start: "9pm"}
                """, "start");
        assertRejected("""
                sendPolicy:
                  channels:
                    fax: {perDay: 1}
                """, "fax");
    }

    private static void assertRejected(String values, String naming) {
        assertThatThrownBy(() -> Chart.render(Chart.valuesFile(values)))
                .hasMessageContaining("schema")
                .hasMessageContaining(naming);
    }
}
