package org.lifecycle.campaign.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.signing.SigningKey;
import org.lifecycle.contracts.dispatch.Channel;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingTokensTest {

    private static final SigningKey OLD = SigningKey.of("an-old-key-that-is-long-enough-0123456789", "test");
    private static final SigningKey NEW = SigningKey.of("a-new-key-that-is-long-enough-9876543210", "test");

    private static final TrackingToken CLICK = new TrackingToken(TrackingToken.Kind.CLICK, "m-1", "user-1",
            Channel.EMAIL, "win_back_at_risk", "offer", "https://shop.example/sale", false);

    @Test
    void aSignedTokenReadsBackWhole() {
        TrackingTokens tokens = new TrackingTokens(List.of(NEW));

        assertThat(tokens.verify(tokens.sign(CLICK), TrackingToken.Kind.CLICK)).contains(CLICK);
    }

    @Test
    void aTokenOfAnotherKindIsNotAccepted() {
        TrackingTokens tokens = new TrackingTokens(List.of(NEW));

        assertThat(tokens.verify(tokens.sign(CLICK), TrackingToken.Kind.UNSUBSCRIBE)).isEmpty();
    }

    @Test
    void aTokenWhoseUrlWasSwappedIsRefused() {
        TrackingTokens tokens = new TrackingTokens(List.of(NEW));
        String token = tokens.sign(CLICK);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("https://shop.example/sale", "https://evil.example/").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        assertThat(tokens.verify(forged, TrackingToken.Kind.CLICK)).isEmpty();
    }

    @Test
    void unsignedTruncatedOrGarbledTokensAreRefused() {
        TrackingTokens tokens = new TrackingTokens(List.of(NEW));
        String token = tokens.sign(CLICK);
        String flipped = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "B" : "A")
                + token.charAt(token.length() - 1);

        for (String bad : List.of(token.substring(0, token.indexOf('.')), token.substring(0, token.length() - 1),
                flipped, token + ".x", "", "not a token", "%%%.***", "x".repeat(9000))) {
            assertThat(tokens.verify(bad, TrackingToken.Kind.CLICK)).as(bad).isEmpty();
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String token = new TrackingTokens(List.of(OLD)).sign(CLICK);

        assertThat(new TrackingTokens(List.of(NEW)).verify(token, TrackingToken.Kind.CLICK)).isEmpty();
    }

    @Test
    void afterARotationTheNewKeySignsAndTheOldOneStillVerifies() {
        String before = new TrackingTokens(List.of(OLD)).sign(CLICK);
        TrackingTokens rotated = new TrackingTokens(List.of(NEW, OLD));
        String after = rotated.sign(CLICK);

        assertThat(rotated.verify(before, TrackingToken.Kind.CLICK)).contains(CLICK);
        assertThat(new TrackingTokens(List.of(NEW)).verify(after, TrackingToken.Kind.CLICK)).isEqualTo(
                Optional.of(CLICK));
        assertThat(new TrackingTokens(List.of(OLD)).verify(after, TrackingToken.Kind.CLICK)).isEmpty();
    }
}
