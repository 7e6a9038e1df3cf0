package org.lifecycle.campaign.channel;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.delivery.DeliveryGateway;
import org.lifecycle.campaign.delivery.DeliveryOutcome;
import org.lifecycle.campaign.delivery.DeliveryRequest;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.survey.SurveyLinkIssuer;
import org.lifecycle.campaign.template.service.MessageComposer;
import org.lifecycle.campaign.template.service.MessageContext;
import org.lifecycle.campaign.template.service.MessageTemplate;
import org.lifecycle.campaign.template.service.RenderedMessage;
import org.lifecycle.campaign.template.service.TemplateService;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.quarkus.qute.TemplateException;
import io.smallrye.mutiny.Uni;

/**
 * Renders a message's template (its latest version) for the recipient and hands it to its channel: email over SMTP,
 * SMS and push to their providers' webhooks, webhook messages to the generic webhook.
 *
 * <p>
 * What cannot succeed however often it is tried is {@code REJECTED}: the template is unknown or deleted or is for
 * another channel, the recipient has no address for the channel, the payload is not JSON. A channel without a
 * configured endpoint is {@code FAILED}, since configuring it makes a later attempt succeed.
 *
 * <p>
 * Bodies posted to providers: SMS {@code {"message_id", "customer_key", "to", "body"}}; push
 * {@code {"message_id", "customer_key", "title", "body"}} (title when the template has a subject); a generic webhook
 * posts its rendered payload as it is.
 */
@ApplicationScoped
public class ChannelDeliveryGateway implements DeliveryGateway {

    private final TemplateService templates;
    private final MessageComposer composer;
    private final EmailChannel email;
    private final WebhookChannel webhooks;
    private final WebhookTargets targets;
    private final SurveyLinkIssuer surveys;

    public ChannelDeliveryGateway(TemplateService templates, MessageComposer composer, EmailChannel email,
            WebhookChannel webhooks, WebhookTargets targets, SurveyLinkIssuer surveys) {
        this.surveys = surveys;
        this.templates = templates;
        this.composer = composer;
        this.email = email;
        this.webhooks = webhooks;
        this.targets = targets;
    }

    @Override
    public Uni<DeliveryOutcome> deliver(DeliveryRequest request) {
        return templates.forSending(request.templateKey())
                .flatMap(template -> deliver(request, template))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf(failure, "Delivery of message %s failed", request.messageId());
                    return DeliveryOutcome.failed(failure.getClass().getSimpleName() + ": " + failure.getMessage());
                });
    }

    private Uni<DeliveryOutcome> deliver(DeliveryRequest request, Optional<MessageTemplate> found) {
        if (found.isEmpty()) {
            return rejected("no template " + request.templateKey());
        }
        MessageTemplate template = found.get();
        if (template.channel() != request.channel()) {
            return rejected("template " + template.key() + " is for " + template.channel().wireName() + ", not "
                    + request.channel().wireName());
        }
        MessageContext.SurveyLink survey = null;
        if (request.survey() != null) {
            Optional<String> link = surveys.link(request.survey(), request.contact().customerKey(),
                    request.journeyKey(), request.stepId());
            if (link.isEmpty()) {
                return Uni.createFrom().item(DeliveryOutcome.failed("no survey link key is configured ("
                        + SurveyLinkIssuer.SETTING + ", " + SurveyLinkIssuer.ENVIRONMENT + ")"));
            }
            survey = new MessageContext.SurveyLink(request.survey().key(), link.get());
        }
        RenderedMessage message;
        try {
            message = composer.render(template, MessageContext.of(request, survey));
        } catch (TemplateException e) {
            return rejected("template " + template.key() + " version " + template.version()
                    + " cannot be rendered: " + e.getMessage());
        }
        Contact contact = request.contact();
        return switch (request.channel()) {
            case EMAIL -> contact.email() == null
                    ? rejected("no email address")
                    : email.send(new EmailMessage(request.messageId(), contact.email(), message.subject(),
                            message.html(), message.text(), message.unsubscribeUrl()));
            case SMS -> contact.phone() == null
                    ? rejected("no phone number")
                    : post(Channel.SMS, request, providerBody(request, message, "to", contact.phone()));
            case PUSH -> post(Channel.PUSH, request, providerBody(request, message, "title", message.subject()));
            case WEBHOOK -> !isJson(message.payload())
                    ? rejected("the payload of " + template.key() + " did not render to JSON")
                    : request.endpoint() == null
                            ? post(Channel.WEBHOOK, request, message.payload())
                            : postNamed(request, message.payload());
        };
    }

    /** To a named endpoint only, never to the generic webhook: an alert for the support desk goes nowhere else. */
    private Uni<DeliveryOutcome> postNamed(DeliveryRequest request, String body) {
        return targets.named(request.endpoint())
                .map(target -> webhooks.post(target, request.messageId(), body))
                .orElseGet(() -> Uni.createFrom().item(DeliveryOutcome.failed("no " + request.endpoint()
                        + " endpoint is configured (lifecycle.delivery." + request.endpoint().replace('_', '-')
                        + ".url)")));
    }

    private Uni<DeliveryOutcome> post(Channel channel, DeliveryRequest request, String body) {
        return targets.of(channel)
                .map(target -> webhooks.post(target, request.messageId(), body))
                .orElseGet(() -> Uni.createFrom().item(DeliveryOutcome.failed("no " + channel.wireName()
                        + " endpoint is configured (lifecycle.delivery." + channel.wireName() + ".url)")));
    }

    private static String providerBody(DeliveryRequest request, RenderedMessage message, String field,
            String value) {
        ObjectNode body = LifecycleJson.mapper().createObjectNode()
                .put("message_id", request.messageId())
                .put("customer_key", request.contact().customerKey());
        if (value != null) {
            body.put(field, value);
        }
        body.put("body", message.body());
        return body.toString();
    }

    private static boolean isJson(String text) {
        try {
            return text != null && LifecycleJson.mapper().readTree(text) != null;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static Uni<DeliveryOutcome> rejected(String status) {
        return Uni.createFrom().item(DeliveryOutcome.rejected(status));
    }
}
