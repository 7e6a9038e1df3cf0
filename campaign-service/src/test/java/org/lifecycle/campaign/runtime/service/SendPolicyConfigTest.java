package org.lifecycle.campaign.runtime.service;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.journey.policy.ChannelRules;
import org.lifecycle.campaign.journey.policy.PolicySettings;
import org.lifecycle.contracts.dispatch.Channel;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code lifecycle.policy.*} read by the real configuration machinery, as the application reads it. */
class SendPolicyConfigTest {

    @Test
    void withNothingConfiguredTheSettingsAreTheBuiltInDefaults() {
        assertThat(settings(Map.of())).isEqualTo(PolicySettings.defaults());
    }

    @Test
    void configuredValuesReplaceTheDefaultsTheyName() {
        PolicySettings settings = settings(Map.of("lifecycle.policy.default-zone", "Europe/Paris",
                "lifecycle.policy.quiet-hours.start", "22:30", "lifecycle.policy.quiet-hours.end", "07:00",
                "lifecycle.policy.email.per-day", "1", "lifecycle.policy.sms.per-week", "none",
                "lifecycle.policy.push.quiet-hours", "false", "lifecycle.policy.sms.consent-by-default", "true",
                "lifecycle.policy.webhook.per-day", "100"));

        assertThat(settings.defaultZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(settings.quietHours().start()).isEqualTo(LocalTime.of(22, 30));
        assertThat(settings.quietHours().end()).isEqualTo(LocalTime.of(7, 0));
        assertThat(settings.rules(Channel.EMAIL)).isEqualTo(new ChannelRules(1, 5, true, true));
        assertThat(settings.rules(Channel.SMS)).isEqualTo(new ChannelRules(1, ChannelRules.UNLIMITED, true, true));
        assertThat(settings.rules(Channel.PUSH)).isEqualTo(new ChannelRules(2, 6, false, false));
        assertThat(settings.rules(Channel.WEBHOOK))
                .isEqualTo(new ChannelRules(100, ChannelRules.UNLIMITED, false, true));
    }

    @Test
    void anImpossibleValueIsRefusedNamingItsProperty() {
        assertThatThrownBy(() -> settings(Map.of("lifecycle.policy.email.per-day", "-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("lifecycle.policy.email.per-day: '-1' is not a cap");
        assertThatThrownBy(() -> settings(Map.of("lifecycle.policy.sms.per-week", "0")))
                .hasMessageStartingWith("lifecycle.policy.sms.per-week: '0' is not a cap");
        assertThatThrownBy(() -> settings(Map.of("lifecycle.policy.push.per-day", "two")))
                .hasMessageStartingWith("lifecycle.policy.push.per-day: 'two' is not a cap");
        assertThatThrownBy(() -> settings(Map.of("lifecycle.policy.quiet-hours.start", "08:00")))
                .hasMessageContaining("lifecycle.policy.quiet-hours.start and lifecycle.policy.quiet-hours.end "
                        + "are both 08:00");
        assertThatThrownBy(() -> settings(Map.of("lifecycle.policy.default-zone", "Mars/Olympus_Mons")))
                .hasMessageStartingWith("lifecycle.policy.default-zone: 'Mars/Olympus_Mons' is not a time zone");
        assertThatThrownBy(() -> settings(Map.of("lifecycle.policy.quiet-hours.end", "25:00")))
                .hasMessageContaining("lifecycle.policy.quiet-hours.end");
    }

    private static PolicySettings settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SendPolicyConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(SendPolicyConfig.class).toSettings();
    }
}
