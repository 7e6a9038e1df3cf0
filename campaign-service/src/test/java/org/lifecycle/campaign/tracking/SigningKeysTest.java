package org.lifecycle.campaign.tracking;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.signing.SigningKey;
import org.lifecycle.campaign.signing.SigningKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    @Test
    void withoutAKeyProductionRefusesToStartAndNamesTheSetting() {
        assertThatThrownBy(() -> SigningKeys.load(Optional.empty(), "lifecycle.tracking.keys",
                "LIFECYCLE_TRACKING_KEYS", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lifecycle.tracking.keys is not set")
                .hasMessageContaining("LIFECYCLE_TRACKING_KEYS");
    }

    @Test
    void aShortKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> SigningKeys.load(Optional.of(List.of("s3cret-but-short")), "lifecycle.tracking.keys",
                "LIFECYCLE_TRACKING_KEYS", false))
                .hasMessageContaining("at least 32 characters")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void developmentGetsARandomKeyAndAKeyNeverPrintsItself() {
        List<SigningKey> keys = SigningKeys.load(Optional.of(List.of(" ")), "lifecycle.tracking.keys",
                "LIFECYCLE_TRACKING_KEYS", true);
        String secret = "a-configured-key-of-enough-length-0123456789";

        assertThat(keys).hasSize(1);
        assertThat(SigningKey.of(secret, "x").toString()).doesNotContain(secret);
    }
}
