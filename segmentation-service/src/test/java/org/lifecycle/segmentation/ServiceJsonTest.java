package org.lifecycle.segmentation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.segmentation.support.Events;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's mapper writes and reads instants exactly as the suite's mapper does, only faster. */
class ServiceJsonTest {

    record Holder(Instant at) {
    }

    @Test
    void instantsAreWrittenAndReadAsTheSuitesMapperDoes() throws Exception {
        Random random = new Random(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] nanos = {0, 120_000_000, 123_456_000, 123_456_789, 1, 999_999_999};
        for (int i = 0; i < 20_000; i++) {
            long seconds = i < 10_000
                    ? min + (long) (random.nextDouble() * (max - min))
                    : Instant.parse("2010-01-01T00:00:00Z").getEpochSecond() + random.nextInt(600_000_000);
            Instant at = Instant.ofEpochSecond(seconds, nanos[i % nanos.length]);
            String text = at.toString();
            assertThat(ServiceJson.format(at)).isEqualTo(text);
            assertThat(ServiceJson.parse(text)).isEqualTo(at);
            Holder holder = new Holder(at);
            String suite = LifecycleJson.mapper().writeValueAsString(holder);
            assertThat(ServiceJson.mapper().writeValueAsString(holder)).isEqualTo(suite);
            assertThat(ServiceJson.mapper().readValue(suite, Holder.class)).isEqualTo(holder);
        }
        Instant farAway = Instant.parse("+12345-01-01T00:00:00Z");
        assertThat(ServiceJson.format(farAway)).isEqualTo(farAway.toString());
    }

    @Test
    void otherTextsAreLeftToTheStandardReader() throws Exception {
        for (String text : new String[]{"2011-12-09T13:50:00+01:00", "2011-12-09T12:50:00.5Z", "2011-02-30T00:00:00Z",
                "2011-12-09T24:00:00Z", "2011-12-09 12:50:00Z", "1323435000", "\"not a time\""}) {
            String json = "{\"at\": " + (text.startsWith("\"") || text.matches("\\d+") ? text : "\"" + text + "\"")
                    + "}";
            Object suite = read(LifecycleJson.mapper(), json);
            Object service = read(ServiceJson.mapper(), json);
            assertThat(service).as(text).isEqualTo(suite);
        }
    }

    @Test
    void eventsAndAnnouncementsReadTheSame() {
        CustomerEvent order = Events.order("cust-1", "o-1", Instant.parse("2011-12-09T12:50:00.120Z"), "12.50");
        String suite = new String(LifecycleJson.encode(order), StandardCharsets.UTF_8);
        assertThat(ServiceJson.encode(order)).isEqualTo(suite);
        assertThat(ServiceJson.decode(suite, CustomerEvent.class)).isEqualTo(LifecycleJson.decode(suite,
                CustomerEvent.class));
    }

    private static Object read(com.fasterxml.jackson.databind.ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Holder.class);
        } catch (Exception e) {
            return e.getClass();
        }
    }
}
