package org.lifecycle.campaign.runtime.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.delivery.DeliveryGateway;
import org.lifecycle.campaign.delivery.DeliveryOutcome;
import org.lifecycle.campaign.delivery.DeliveryRequest;
import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.definition.JourneyDefinition;
import org.lifecycle.campaign.journey.definition.Step;
import org.lifecycle.campaign.journey.policy.PendingMessage;
import org.lifecycle.campaign.journey.policy.SendDecision;
import org.lifecycle.campaign.journey.policy.SendPolicy;
import org.lifecycle.campaign.journey.policy.SentMessage;
import org.lifecycle.campaign.runtime.repository.ContactRepository;
import org.lifecycle.campaign.runtime.repository.Db;
import org.lifecycle.campaign.runtime.repository.DispatchOutbox;
import org.lifecycle.campaign.runtime.repository.JourneyCounters;
import org.lifecycle.campaign.runtime.repository.JourneyRepository;
import org.lifecycle.campaign.runtime.repository.LedgerMessage;
import org.lifecycle.campaign.runtime.repository.SendLedger;
import org.lifecycle.campaign.tracking.messaging.TrackingEventRelay;
import org.lifecycle.contracts.dispatch.DispatchType;
import org.lifecycle.contracts.event.signal.NpsCategory;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Sends what the send ledger has due, in two transactions around the channel call:
 * <ol>
 * <li>claim due messages ({@code FOR UPDATE SKIP LOCKED}), and per customer (under a lock that serializes
 * dispatchers across replicas) ask the send policy about each in {@link PendingMessage#DISPATCH_ORDER}: suppress,
 * hold until the next allowed moment, or mark {@code sending}; commit;</li>
 * <li>hand the {@code sending} messages to their channels;</li>
 * <li>record each outcome ({@code sent} or {@code failed}) with its dispatch record.</li>
 * </ol>
 * A message is committed as {@code sending} before any channel sees it and never leaves that state except forward,
 * so a second dispatcher, a restart or a replay cannot send it again; a dispatcher that stops between 1 and 3 leaves
 * it {@code sending}, and {@link #failInterrupted()} later marks it failed without sending it again.
 */
@ApplicationScoped
public class Dispatcher {

    /** The longest calendar week and a day: the history the caps need. */
    private static final Duration HISTORY = Duration.ofDays(8);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(5);

    private final Db db;
    private final SendLedger ledger;
    private final ContactRepository contacts;
    private final DispatchOutbox dispatches;
    private final JourneyCounters counters;
    private final SendPolicy policy;
    private final DeliveryGateway gateway;
    private final TrackingEventRelay relay;
    private final Clock clock;
    private final RuntimeSettings settings;
    private final MeterRegistry registry;
    private final JourneyRepository journeys;

    public Dispatcher(Db db, SendLedger ledger, ContactRepository contacts, DispatchOutbox dispatches,
            JourneyCounters counters, SendPolicy policy, DeliveryGateway gateway, TrackingEventRelay relay,
            Clock clock, RuntimeSettings settings, MeterRegistry registry, JourneyRepository journeys) {
        this.registry = registry;
        this.journeys = journeys;
        this.db = db;
        this.ledger = ledger;
        this.contacts = contacts;
        this.dispatches = dispatches;
        this.counters = counters;
        this.policy = policy;
        this.gateway = gateway;
        this.relay = relay;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * A message marked {@code sending}, with its recipient as the policy saw them and its step (for a survey step's
     * link and a webhook's named endpoint).
     */
    public record Claimed(LedgerMessage message, Contact contact, Step.Send step) {

        public DeliveryRequest request() {
            return new DeliveryRequest(message.messageId(), message.channel(), message.template(), contact,
                    message.journeyKey(), message.journeyVersion(), message.stepId(), message.variant(),
                    message.offer(), message.recommendations(), message.triggerProperties(),
                    step == null ? null : step.survey(), step == null ? null : step.endpoint());
        }
    }

    /** Sends one batch of due messages; returns how many were claimed (sent, held or suppressed). */
    public int dispatchDue() {
        List<Claimed> claimed = new ArrayList<>();
        int decided = claimDue(claimed);
        if (!claimed.isEmpty()) {
            List<Uni<DeliveryOutcome>> deliveries = claimed.stream().map(this::deliver).toList();
            List<DeliveryOutcome> outcomes = Uni.join().all(deliveries).andFailFast().await()
                    .atMost(DELIVERY_TIMEOUT);
            record(claimed, outcomes);
        }
        if (decided > 0) {
            relay.wake();
        }
        return decided;
    }

    /**
     * The first transaction: decides each due message of one batch and marks those to send now {@code sending}.
     *
     * @param sendNow receives the messages to hand to their channels
     * @return how many messages were decided
     */
    public int claimDue(List<Claimed> sendNow) {
        return db.inTransaction(tx -> {
            Instant now = clock.instant();
            List<LedgerMessage> due = ledger.claimDue(tx, now, settings.batchSize());
            Map<String, List<LedgerMessage>> byCustomer = new TreeMap<>();
            for (LedgerMessage message : due) {
                byCustomer.computeIfAbsent(message.customerKey(), key -> new ArrayList<>()).add(message);
            }
            for (Map.Entry<String, List<LedgerMessage>> entry : byCustomer.entrySet()) {
                String customer = entry.getKey();
                ledger.lockCustomer(tx, customer);
                Contact contact = contacts.read(tx, customer);
                List<SentMessage> history = new ArrayList<>(ledger.history(tx, customer, now.minus(HISTORY)));
                List<LedgerMessage> messages = new ArrayList<>(entry.getValue());
                messages.sort((a, b) -> PendingMessage.DISPATCH_ORDER.compare(pending(a), pending(b)));
                for (LedgerMessage message : messages) {
                    JourneyDefinition journey = journeys.version(tx, message.journeyKey(), message.journeyVersion())
                            .definition();
                    String signal = promotionBarred(message, contact, journey);
                    if (signal != null) {
                        ledger.move(tx, message.messageId(), message.status(), "suppressed", signal, null);
                        dispatches.append(tx, message, DispatchType.SUPPRESSED, "suppressed", signal, null);
                        continue;
                    }
                    SendDecision decision = policy.decide(message.channel(), message.priority(), contact, history,
                            now);
                    switch (decision) {
                        case SendDecision.SendNow send -> {
                            ledger.sending(tx, message.messageId(), now);
                            history.add(new SentMessage(message.channel(), message.priority(), now));
                            sendNow.add(new Claimed(message, contact,
                                    journey.send(message.stepId()).orElse(null)));
                        }
                        case SendDecision.Defer defer -> {
                            String reason = defer.reason().name().toLowerCase(Locale.ROOT) + ": "
                                    + defer.detail();
                            ledger.hold(tx, message.messageId(), defer.until(), reason);
                            dispatches.append(tx, message, DispatchType.HELD, "held", reason, null);
                        }
                        case SendDecision.Suppress suppress -> {
                            String reason = suppress.reason().name().toLowerCase(Locale.ROOT) + ": "
                                    + suppress.detail();
                            ledger.move(tx, message.messageId(), message.status(), "suppressed", reason, null);
                            dispatches.append(tx, message, DispatchType.SUPPRESSED, "suppressed", reason, null);
                        }
                    }
                }
            }
            return due.size();
        });
    }

    /**
     * Why a promotional message must not go out because of what the customer told the company, or {@code null}: a
     * support ticket open ({@code suppress_while_ticket_open}), or a latest NPS answer of 0 to 6
     * ({@code suppress_while_detractor}); both on unless the journey turns them off. Transactional messages always go.
     */
    private static String promotionBarred(LedgerMessage message, Contact contact, JourneyDefinition journey) {
        if (message.priority().transactional()) {
            return null;
        }
        if (journey.suppressWhileTicketOpen()
                && contact.attribute(ContactRepository.OPEN_TICKETS).map(n -> n.signum() > 0).orElse(false)) {
            return "ticket_open: the customer has a support ticket open";
        }
        if (journey.suppressWhileDetractor()) {
            var score = contact.attribute(ContactRepository.NPS_SCORE);
            if (score.isPresent() && NpsCategory.of(score.get().intValue()) == NpsCategory.DETRACTOR) {
                return "nps_detractor: the customer's latest NPS answer is " + score.get().toPlainString()
                        + " (0-6)";
            }
        }
        return null;
    }

    /** The channel call of a claimed message, without recording its outcome. */
    public Uni<DeliveryOutcome> deliver(Claimed claimed) {
        return gateway.deliver(claimed.request());
    }

    /** Marks messages left {@code sending} by a dispatcher that stopped mid-delivery as failed; never resends. */
    public int failInterrupted() {
        int n = db.inTransaction(tx -> {
            List<LedgerMessage> stuck = ledger.stuckSending(tx, Instant.now().minus(settings.stuckSendingAfter()),
                    settings.batchSize());
            for (LedgerMessage message : stuck) {
                String reason = "interrupted before the channel's answer was recorded; not sent again";
                ledger.move(tx, message.messageId(), "sending", "failed", reason, null);
                dispatches.append(tx, message, DispatchType.FAILED, "unknown", reason, null);
            }
            return stuck.size();
        });
        if (n > 0) {
            relay.wake();
        }
        return n;
    }

    private void record(List<Claimed> claimed, List<DeliveryOutcome> outcomes) {
        db.inTransaction(tx -> {
            JourneyCounters.Tally tally = new JourneyCounters.Tally();
            for (int i = 0; i < claimed.size(); i++) {
                LedgerMessage message = claimed.get(i).message();
                DeliveryOutcome outcome = outcomes.get(i);
                registry.counter("lifecycle_campaign_messages", "channel", message.channel().wireName(), "result",
                        outcome.result().name().toLowerCase(Locale.ROOT)).increment();
                if (outcome.result() == DeliveryOutcome.Result.SENT) {
                    if (ledger.move(tx, message.messageId(), "sending", "sent", null, outcome.providerMessageId())) {
                        dispatches.append(tx, message, DispatchType.SENT, outcome.status(), null,
                                outcome.providerMessageId());
                        tally.add(message.journeyKey(), message.journeyVersion(), message.stepId(), "sent");
                    }
                } else if (ledger.move(tx, message.messageId(), "sending", "failed",
                        outcome.result().name().toLowerCase(Locale.ROOT) + ": " + outcome.status(), null)) {
                    dispatches.append(tx, message, DispatchType.FAILED, outcome.status(),
                            outcome.result().name().toLowerCase(Locale.ROOT), null);
                    tally.add(message.journeyKey(), message.journeyVersion(), message.stepId(), "failed");
                }
            }
            counters.flush(tx, tally);
            return null;
        });
    }

    private static PendingMessage pending(LedgerMessage message) {
        return new PendingMessage(message.messageId(), message.channel(), message.priority(), message.queuedAt());
    }
}
