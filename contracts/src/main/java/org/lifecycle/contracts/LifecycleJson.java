package org.lifecycle.contracts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON codec of the suite. Every producer and consumer goes through it, so that what one service writes
 * another reads back identically, whichever Quarkus or Jackson defaults each service has.
 * <ul>
 * <li>Instants are ISO-8601 strings in UTC ({@code 2024-03-01T10:15:30.120Z}), keeping whatever fraction the value
 * has, so that other languages and {@code jq} read them and nothing is lost on a round trip.</li>
 * <li>Unknown properties are ignored, because schema changes are additive: an old consumer must read a newer
 * producer's records.</li>
 * <li>Null fields are left out, which keeps the events topic small and matches what Segment sends.</li>
 * <li>Decimals in free-form objects stay {@code BigDecimal}, exactly as sent ({@code "revenue": 25.00} stays
 * {@code 25.00}), because they are money.</li>
 * </ul>
 */
public final class LifecycleJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private LifecycleJson() {
    }

    /**
     * The shared, thread-safe mapper. Do not reconfigure it: every service shares its settings. A caller that needs
     * different settings takes {@code mapper().copy()}.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A record as the UTF-8 JSON bytes of a Kafka value. */
    public static byte[] encode(Object value) {
        if (value == null) {
            throw new ContractException("Cannot encode null: a Kafka value of the suite is never null");
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new ContractException("Cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A Kafka value read back as the record type its topic carries. */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new ContractException("Cannot decode " + type.getSimpleName() + " from null bytes");
        }
        try {
            return requirePresent(MAPPER.readValue(bytes, type), type);
        } catch (IOException e) {
            throw new ContractException("Cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Same as {@link #decode(byte[], Class)}, for JSON already held as text (tests, REST bodies, replay tools). */
    public static <T> T decode(String json, Class<T> type) {
        if (json == null) {
            throw new ContractException("Cannot decode " + type.getSimpleName() + " from null text");
        }
        return decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static <T> T requirePresent(T value, Class<T> type) {
        if (value == null) {
            throw new ContractException("Cannot decode " + type.getSimpleName() + " from JSON null");
        }
        return value;
    }
}
