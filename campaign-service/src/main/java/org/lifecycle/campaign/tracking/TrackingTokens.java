package org.lifecycle.campaign.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.lifecycle.campaign.signing.SigningKey;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes and reads tracking tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}, the payload a
 * small JSON object. Everything the link stands for is inside the signed payload, so a link cannot be pointed
 * elsewhere (no open redirect) and carries no id that could be guessed or counted up. The first key signs, every key
 * verifies, so keys rotate without breaking mail already sent.
 */
public final class TrackingTokens {

    /** Longer input is refused before any decoding: no token this service writes comes near it. */
    static final int MAX_LENGTH = 8192;

    private static final int VERSION = 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<SigningKey> keys;

    public TrackingTokens(List<SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        this.keys = List.copyOf(keys);
    }

    public String sign(TrackingToken token) {
        ObjectNode payload = LifecycleJson.mapper().createObjectNode();
        payload.put("v", VERSION);
        payload.put("k", token.kind().code());
        payload.put("m", token.messageId());
        payload.put("c", token.customerKey());
        payload.put("ch", token.channel().wireName());
        putIfPresent(payload, "j", token.journeyKey());
        putIfPresent(payload, "s", token.stepId());
        putIfPresent(payload, "u", token.url());
        if (token.preview()) {
            payload.put("p", true);
        }
        byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(keys.getFirst().sign(bytes));
    }

    /**
     * The token, when it is one of ours, unaltered and of the expected kind; empty for anything else, whatever is
     * wrong with it, so a caller cannot tell a forged token from a mistyped one.
     */
    public Optional<TrackingToken> verify(String text, TrackingToken.Kind expected) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(text.substring(0, dot));
            signature = DECODER.decode(text.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (keys.stream().noneMatch(key -> key.verifies(payload, signature))) {
            return Optional.empty();
        }
        return read(payload).filter(token -> token.kind() == expected);
    }

    private static Optional<TrackingToken> read(byte[] payload) {
        try {
            JsonNode node = LifecycleJson.mapper().readTree(payload);
            if (node == null || !node.isObject() || node.path("v").asInt() != VERSION) {
                return Optional.empty();
            }
            TrackingToken.Kind kind = TrackingToken.Kind.ofCode(node.path("k").asText());
            Channel channel = channel(node.path("ch").asText());
            if (kind == null || channel == null) {
                return Optional.empty();
            }
            return Optional.of(new TrackingToken(kind, node.path("m").asText(), node.path("c").asText(), channel,
                    text(node, "j"), text(node, "s"), text(node, "u"), node.path("p").asBoolean(false)));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Channel channel(String wireName) {
        for (Channel channel : Channel.values()) {
            if (channel.wireName().equals(wireName)) {
                return channel;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
