package org.lifecycle.contracts.event;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ContextTest {

    @Test
    void readsSegmentsCommonContextFields() throws JsonProcessingException {
        Context context = Context.of(object("""
                {
                  "ip": "203.0.113.7",
                  "locale": "fr-FR",
                  "timezone": "Europe/Paris",
                  "userAgent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)",
                  "library": {"name": "analytics-ios", "version": "4.1.8"},
                  "page": {"path": "/p/42", "referrer": "https://www.google.com/", "search": "?q=1",
                           "title": "Boots", "url": "https://shop.example.com/p/42?q=1"},
                  "campaign": {"name": "winback", "source": "klaviyo", "medium": "email", "term": "boots",
                               "content": "hero"},
                  "device": {"id": "B5372DB0", "type": "ios", "manufacturer": "Apple", "model": "iPhone15,2"},
                  "os": {"name": "iOS", "version": "17.3"},
                  "app": {"name": "Shop", "version": "3.2.0", "build": 3201}
                }
                """));

        assertThat(context.timezone()).isEqualTo("Europe/Paris");
        assertThat(context.library()).isEqualTo(new Context.Library("analytics-ios", "4.1.8"));
        assertThat(context.page().referrer()).isEqualTo("https://www.google.com/");
        assertThat(context.campaign().source()).isEqualTo("klaviyo");
        assertThat(context.device().type()).isEqualTo("ios");
        assertThat(context.os().version()).isEqualTo("17.3");
        assertThat(context.app().build()).isEqualTo("3201");
    }

    @Test
    void toleratesGarbage() throws JsonProcessingException {
        ObjectNode garbage = object("""
                {"ip": {"v4": "1.2.3.4"}, "locale": 42, "timezone": null, "userAgent": ["a"],
                 "library": "analytics.js", "page": 7, "campaign": [], "device": {"id": {}}, "os": null, "app": true}
                """);

        assertThatCode(() -> Context.of(garbage)).doesNotThrowAnyException();
        Context context = Context.of(garbage);
        assertThat(context.ip()).isNull();
        assertThat(context.locale()).isEqualTo("42");
        assertThat(context.library()).isEqualTo(new Context.Library(null, null));
        assertThat(context.device().id()).isNull();
        assertThat(context.page().url()).isNull();
    }

    @Test
    void missingContextReadsAsEmpty() {
        assertThat(Context.of(null)).isEqualTo(Context.empty());
        assertThat(Context.of(LifecycleJson.mapper().createObjectNode()).campaign().name()).isNull();
    }

    private static ObjectNode object(String json) throws JsonProcessingException {
        return (ObjectNode) LifecycleJson.mapper().readTree(json);
    }
}
