package org.lifecycle.campaign.survey;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.journey.definition.Step;
import org.lifecycle.campaign.signing.SigningKey;
import org.lifecycle.contracts.event.signal.SurveyLinks;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Makes the personal survey link of a survey step's message ({@link SurveyLinks}: the form's URL with the customer,
 * survey, journey and step as hidden fields and their HMAC-SHA256 signature). Without a key configured there is no
 * link, and survey messages fail until one is given; other messages are not affected. The key is never logged.
 */
@Startup
@ApplicationScoped
public class SurveyLinkIssuer {

    public static final String SETTING = "lifecycle.survey.link-keys";
    public static final String ENVIRONMENT = "LIFECYCLE_SURVEY_LINK_KEYS";

    private final String key;

    public SurveyLinkIssuer(SurveyLinkSettings settings) {
        List<String> keys = settings.linkKeys().orElse(List.of()).stream().map(String::strip)
                .filter(text -> !text.isEmpty()).toList();
        keys.forEach(text -> SigningKey.of(text, SETTING));
        if (!keys.isEmpty()) {
            key = keys.getFirst();
        } else if (settings.generateMissingKeys()) {
            Log.warnf("%s is not set: survey links are signed with a random key for this run only", SETTING);
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } else {
            key = null;
        }
    }

    /** The link for the customer; empty while no key is configured. */
    public Optional<String> link(Step.Survey survey, String customerKey, String journeyKey, String stepId) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(SurveyLinks.link(survey.formUrl(),
                new SurveyLinks.Claim(customerKey, survey.key(), journeyKey, stepId), key));
    }
}
