package org.lifecycle.campaign.template.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.offer.OfferTiers;
import org.lifecycle.campaign.journey.offer.WinBackOffers;
import org.lifecycle.campaign.problem.ProblemException;
import org.lifecycle.campaign.problem.Violation;
import org.lifecycle.campaign.template.repository.TemplateRepository;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.quarkus.qute.TemplateException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Message templates: each save is checked whole (syntax, names, the parts the channel takes) and refused with every
 * fault before anything is stored, so a template error is a 400 when the marketer saves it, never a failed send.
 */
@ApplicationScoped
public class TemplateService {

    private final Pool pool;
    private final TemplateRepository repository;
    private final MessageComposer composer;
    private final WinBackOffers offers = new WinBackOffers(OfferTiers.defaults());

    public TemplateService(Pool pool, TemplateRepository repository, MessageComposer composer) {
        this.pool = pool;
        this.repository = repository;
        this.composer = composer;
    }

    /** Stores the default templates whose keys were never used, so the ready-made journeys can send at once. */
    void seedDefaults(@Observes StartupEvent event) {
        int stored = pool.withTransaction(tx -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (TemplateDraft draft : DefaultTemplates.all()) {
                chain = chain.flatMap(count -> repository.claimNew(tx, draft.key(), draft.channel())
                        .flatMap(claimed -> claimed
                                ? repository.insertVersion(tx, MessageTemplate.of(draft, 1, null)).map(t -> count + 1)
                                : Uni.createFrom().item(count)));
            }
            return chain;
        }).await().atMost(Duration.ofSeconds(60));
        if (stored > 0) {
            Log.infof("Stored %d default message templates", stored);
        }
    }

    public Uni<List<MessageTemplate>> list() {
        return repository.listCurrent();
    }

    public Uni<MessageTemplate> get(String key) {
        return repository.current(key).map(found -> found.orElseThrow(() -> notFound(key)));
    }

    public Uni<MessageTemplate> get(String key, int version) {
        return repository.version(key, version).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("Template " + key + " has no version " + version)));
    }

    public Uni<List<MessageTemplate>> versions(String key) {
        return repository.versions(key).map(found -> {
            if (found.isEmpty()) {
                throw notFound(key);
            }
            return found;
        });
    }

    /** The latest version of a template for a send; empty when the key is unknown or deleted. */
    public Uni<Optional<MessageTemplate>> forSending(String key) {
        return repository.current(key);
    }

    public Uni<MessageTemplate> create(TemplateDraft draft) {
        if (draft.key() == null) {
            throw ProblemException.invalid("key", "key is required");
        }
        check(draft);
        return pool.withTransaction(tx -> repository.claim(tx, draft.key(), draft.channel())
                .flatMap(version -> {
                    if (version.isEmpty()) {
                        throw ProblemException.conflict("A template " + draft.key()
                                + " exists; change it with PUT /api/templates/" + draft.key());
                    }
                    return repository.insertVersion(tx, MessageTemplate.of(draft, version.get(), null));
                }));
    }

    public Uni<MessageTemplate> update(String key, TemplateDraft draft) {
        if (draft.key() != null && !draft.key().equals(key)) {
            throw ProblemException.invalid("key", "key " + draft.key() + " differs from the path's " + key
                    + "; leave it out or make it the same");
        }
        TemplateDraft keyed = draft.withKey(key);
        check(keyed);
        return pool.withTransaction(tx -> repository.lockForUpdate(tx, key).flatMap(channel -> {
            if (channel.isEmpty()) {
                throw notFound(key);
            }
            if (channel.get() != keyed.channel()) {
                throw ProblemException.invalid("channel", "Template " + key + " is a " + channel.get().wireName()
                        + " template; its channel cannot change (save a new key instead)");
            }
            return repository.nextVersion(tx, key)
                    .flatMap(version -> repository.insertVersion(tx, MessageTemplate.of(keyed, version, null)));
        }));
    }

    public Uni<Void> delete(String key) {
        return repository.delete(key).map(deleted -> {
            if (!deleted) {
                throw notFound(key);
            }
            return null;
        });
    }

    /** Renders a template for a contact given inline; its links work but emit nothing and change nothing. */
    public Uni<RenderedMessage> preview(String key, PreviewRequest request) {
        Uni<MessageTemplate> template = request.version() == null ? get(key) : get(key, request.version());
        return template.map(found -> {
            Contact contact = request.contact().toContact();
            MessageContext context = new MessageContext("preview-" + UUID.randomUUID(), found.channel(), contact,
                    request.journey(), null, request.step(), request.variant(),
                    request.offer() == null ? null : offers.offer(contact), request.recommendations(),
                    request.trigger(), true);
            try {
                return composer.render(found, context);
            } catch (TemplateException e) {
                throw new ProblemException(422, "Template cannot be rendered", e.getMessage(), List.of());
            }
        });
    }

    private void check(TemplateDraft draft) {
        List<Violation> violations = new ArrayList<>(composer.engine().check(draft, sampleData(draft.channel())));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The template has " + violations.size() + " fault(s); nothing was saved",
                    violations);
        }
    }

    /**
     * What a template is test-rendered with when it is saved: a customer with traits, an offer, recommendations and
     * a trigger event, so every branch that reads them runs once.
     */
    private Map<String, Object> sampleData(Channel channel) {
        ObjectNode traits = LifecycleJson.mapper().createObjectNode().put("first_name", "Ann")
                .put("last_name", "Example");
        Contact contact = Contact.builder("sample-customer").email("ann@example.com").phone("+15550100")
                .timeZone("UTC").stage("active").segment("rfm.champions").traits(traits)
                .attribute(WinBackOffers.PREDICTED_CLV, new BigDecimal("640"))
                .orders(3, new BigDecimal("240.00")).build();
        ObjectNode trigger = LifecycleJson.mapper().createObjectNode().put("order_id", "sample-order")
                .put("revenue", new BigDecimal("80.00"));
        trigger.putArray("products").addObject().put("product_id", "sample-product").put("name", "Sample");
        MessageContext context = new MessageContext("sample-message", channel == null ? Channel.EMAIL : channel,
                contact, "sample_journey", 1, "sample-step", "a", offers.offer(contact), List.of("sample-product"),
                trigger, true, new MessageContext.SurveyLink("sample_survey",
                        "https://example.invalid/to/sample#user_id=sample-customer&signature=sample"));
        return MessageModel.of(context, "https://example.invalid/t/u/sample", composer.store());
    }

    private static ProblemException notFound(String key) {
        return ProblemException.notFound("No template " + key);
    }
}
