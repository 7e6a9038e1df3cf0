package org.lifecycle.campaign.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.offer.OfferTiers;
import org.lifecycle.campaign.journey.offer.WinBackOffers;
import org.lifecycle.campaign.problem.Violation;
import org.lifecycle.campaign.template.service.MessageContext;
import org.lifecycle.campaign.template.service.MessageModel;
import org.lifecycle.campaign.template.service.Store;
import org.lifecycle.campaign.template.service.TemplateDraft;
import org.lifecycle.campaign.template.service.TemplateEngine;
import org.lifecycle.campaign.template.service.TemplatePart;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What a marketer sees when saving a template, and what a customer sees in the rendered message. */
class TemplateEngineTest {

    private final TemplateEngine engine = new TemplateEngine();

    private static Map<String, Object> data(String firstName) {
        ObjectNode traits = LifecycleJson.mapper().createObjectNode();
        if (firstName != null) {
            traits.put("first_name", firstName);
        }
        Contact contact = Contact.builder("c-1").email("ann@example.com").traits(traits).orders(1,
                new BigDecimal("700")).build();
        MessageContext context = new MessageContext("m-1", Channel.EMAIL, contact, "win_back_at_risk", 2, "offer",
                null, new WinBackOffers(OfferTiers.defaults()).offer(contact), List.of("sku-9"), null, false);
        return MessageModel.of(context, "https://t.example/t/u/x", new Store("Shop", "https://shop.example"));
    }

    private static TemplateDraft email(String html, String text) {
        return new TemplateDraft("k", Channel.EMAIL, "Hello", null, html, text, null, null);
    }

    @Test
    void aSyntaxErrorIsReportedWithItsFieldLineAndColumn() {
        List<Violation> violations = engine.check(email("<p>Hi</p>\n<p>{#if offer}{offer.percentOff}</p>\n{/for}",
                "plain"), data("Ann"));

        assertThat(violations).hasSize(1);
        Violation violation = violations.getFirst();
        assertThat(violation.field()).isEqualTo("html");
        assertThat(violation.line()).isEqualTo(3);
        assertThat(violation.column()).isPositive();
        assertThat(violation.detail()).startsWith("html line 3, column ").contains("for");
    }

    @Test
    void aNameOutsideTheModelIsRefusedWhereItIs() {
        List<Violation> violations = engine.check(email("<p>ok</p>", "Dear\n  {customer.name},"), data("Ann"));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("text");
            assertThat(v.line()).isEqualTo(2);
            assertThat(v.column()).isEqualTo(3);
            assertThat(v.detail()).contains("unknown name customer")
                    .contains(
                            "contact, journey, links, message, offer, recommendations, store, survey, traits, trigger");
        });
    }

    @Test
    void aPropertyTheOfferDoesNotHaveIsRefused() {
        List<Violation> violations = engine.check(email("<p>{offer.discount}% off</p>", "x"), data("Ann"));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("html");
            assertThat(v.detail()).contains("offer has no discount").contains("percentOff");
        });
    }

    @Test
    void loopAliasesLetNamesDefaultsAndFreeFormTraitsAreAccepted() {
        String html = """
                {#for r in recommendations}<a href="https://shop.example/p/{r.id}">{r.name ?: r.id}</a>{#if r_hasNext}, {/if}{/for}
                {#let name=traits.first_name}{name ?: 'there'}{/let}
                {#each contact.segments}{it}{/each} {traits.address.city ?: ''} {trigger.anything}
                {#with journey}{key} {step}{/with}""";

        assertThat(engine.check(email(html, "{contact.email}"), data("Ann"))).isEmpty();
    }

    @Test
    void partsTheChannelDoesNotTakeAndPartsItNeedsAreNamed() {
        TemplateDraft sms = new TemplateDraft("k", Channel.SMS, null, null, "<p>hi</p>", null, null, null);

        assertThat(engine.check(sms, data("Ann"))).extracting(Violation::field).containsExactly("html", "body");
    }

    @Test
    void aWebhookPayloadMustRenderToJson() {
        TemplateDraft unquoted = new TemplateDraft("k", Channel.WEBHOOK, null, null, null, null, null,
                "{\"email\": {contact.email}}");
        TemplateDraft quoted = new TemplateDraft("k", Channel.WEBHOOK, null, null, null, null, null,
                "{\"email\": \"{contact.email}\", \"orders\": {contact.orders}}");

        assertThat(engine.check(unquoted, data("Ann"))).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("payload");
            assertThat(v.detail()).contains("does not render to JSON");
        });
        assertThat(engine.check(quoted, data("Ann"))).isEmpty();
    }

    @Test
    void valuesAreEscapedForTheirPartAndAMissingTraitRendersAsNothing() {
        Map<TemplatePart, String> parts = Map.of(
                TemplatePart.HTML, "<p>Hi {traits.first_name}{traits.nickname}</p>",
                TemplatePart.TEXT, "Hi {traits.first_name}{traits.nickname}",
                TemplatePart.PAYLOAD, "{\"name\": \"{traits.first_name}\"}");

        Map<TemplatePart, String> rendered = engine.render(engine.parse(parts), data("Ann <\"A\"> & co"));

        assertThat(rendered.get(TemplatePart.HTML)).isEqualTo("<p>Hi Ann &lt;&quot;A&quot;&gt; &amp; co</p>");
        assertThat(rendered.get(TemplatePart.TEXT)).isEqualTo("Hi Ann <\"A\"> & co");
        assertThat(rendered.get(TemplatePart.PAYLOAD)).isEqualTo("{\"name\": \"Ann <\\\"A\\\"> & co\"}");
    }

    @Test
    void theWinBackOfferAndRecommendationsRender() {
        Map<TemplatePart, String> rendered = engine.render(engine.parse(Map.of(TemplatePart.TEXT,
                "{offer.percentOff}% ({offer.tier}) {#for r in recommendations}{r.id}{/for} {journey.key}/{journey.step}")),
                data(null));

        assertThat(rendered.get(TemplatePart.TEXT)).isEqualTo("25% (high_value_unlikely) sku-9 win_back_at_risk/offer");
    }
}
