package org.lifecycle.contracts.event.signal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SurveyLinksTest {

    private static final String KEY = "survey-link-key-0123456789abcdef0123456789";
    private static final SurveyLinks.Claim CLAIM = new SurveyLinks.Claim("17850", "nps", "post_purchase_survey", "ask");

    @Test
    void signatureIsTheDocumentedHmac() {
        // printf 'lifecycle-survey-link.v1\nnps\npost_purchase_survey\nask\n17850' | openssl dgst -sha256 -hmac "$KEY"
        assertThat(SurveyLinks.sign(KEY, CLAIM))
                .isEqualTo("e96435432276be671b17c5d333dfb5c295975ebc93f91c83be7eb094289ecae1");
    }

    @Test
    void linkCarriesTheClaimAsHiddenFieldsThatVerify() {
        String link = SurveyLinks.link(URI.create("https://acme.typeform.com/to/AbC123"),
                new SurveyLinks.Claim("ann smith&co", "nps", "post_purchase_survey", "ask"), KEY);

        assertThat(link).startsWith("https://acme.typeform.com/to/AbC123#user_id=ann%20smith%26co&survey=nps&");
        Map<String, String> hidden = SurveyLinks.hiddenFields(link);
        assertThat(hidden).containsEntry("user_id", "ann smith&co").containsKeys(SurveyLinks.HIDDEN_FIELDS.toArray(
                String[]::new));
        assertThat(SurveyLinks.verify(List.of("another-key-of-at-least-32-characters!", KEY),
                SurveyLinks.Claim.of(hidden), hidden.get(SurveyLinks.SIGNATURE))).isTrue();
    }

    @Test
    void anAlteredFieldOrAnotherKeyDoesNotVerify() {
        String signature = SurveyLinks.sign(KEY, CLAIM);

        assertThat(SurveyLinks.verify(List.of(KEY), new SurveyLinks.Claim("17851", "nps", "post_purchase_survey",
                "ask"), signature)).isFalse();
        assertThat(SurveyLinks.verify(List.of(KEY + "x"), CLAIM, signature)).isFalse();
        assertThat(SurveyLinks.verify(List.of(KEY), CLAIM, "not hex")).isFalse();
        assertThat(SurveyLinks.verify(List.of(KEY), null, signature)).isFalse();
    }

    @Test
    void aFormUrlWithAFragmentGetsTheFieldsAppended() {
        String link = SurveyLinks.link(URI.create("https://acme.typeform.com/to/AbC123#source=mail"), CLAIM, KEY);

        assertThat(link).contains("#source=mail&user_id=17850&");
        assertThat(SurveyLinks.hiddenFields(link)).containsEntry("source", "mail").containsEntry("step", "ask");
    }
}
