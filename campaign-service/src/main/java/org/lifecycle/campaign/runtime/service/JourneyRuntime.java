package org.lifecycle.campaign.runtime.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.journey.JourneyEvent;
import org.lifecycle.campaign.journey.TriggerSignal;
import org.lifecycle.campaign.journey.definition.JourneyVersion;
import org.lifecycle.campaign.journey.definition.Step;
import org.lifecycle.campaign.journey.definition.Trigger;
import org.lifecycle.campaign.journey.engine.Effect;
import org.lifecycle.campaign.journey.engine.Enrollment;
import org.lifecycle.campaign.journey.engine.EntryDecider;
import org.lifecycle.campaign.journey.engine.EntryDecision;
import org.lifecycle.campaign.journey.engine.ExitReason;
import org.lifecycle.campaign.journey.engine.Group;
import org.lifecycle.campaign.journey.engine.Input;
import org.lifecycle.campaign.journey.engine.JourneyEngine;
import org.lifecycle.campaign.journey.engine.SendKey;
import org.lifecycle.campaign.journey.engine.Transition;
import org.lifecycle.campaign.runtime.repository.ContactRepository;
import org.lifecycle.campaign.runtime.repository.Db;
import org.lifecycle.campaign.runtime.repository.Db.Tx;
import org.lifecycle.campaign.runtime.repository.DispatchOutbox;
import org.lifecycle.campaign.runtime.repository.EnrollmentRepository;
import org.lifecycle.campaign.runtime.repository.JourneyCounters;
import org.lifecycle.campaign.runtime.repository.JourneyRepository;
import org.lifecycle.campaign.runtime.repository.LedgerMessage;
import org.lifecycle.campaign.runtime.repository.SendLedger;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.dispatch.Channel;
import org.lifecycle.contracts.dispatch.DispatchType;
import org.lifecycle.contracts.event.Context;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.PropertyValues;
import org.lifecycle.contracts.event.commerce.CommerceEvents;
import org.lifecycle.contracts.event.commerce.Order;
import org.lifecycle.contracts.event.email.EmailEvents;
import org.lifecycle.contracts.event.signal.SignalEvents;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.prediction.CustomerPrediction;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.TransitionType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;

/**
 * Makes journeys run: applies each record of the consumed topics to the contact, offers it to the customer's
 * enrollments and to the journeys it may start, and fires due timers and broadcasts. Each record is applied in one
 * transaction together with its id in {@code processed_event}, so a redelivered record changes nothing twice; the
 * engine's effects (enrollment state, send ledger rows, dispatch records, counters) commit in that same transaction.
 */
@ApplicationScoped
public class JourneyRuntime {

    private final Db db;
    private final ContactRepository contacts;
    private final JourneyRepository journeys;
    private final EnrollmentRepository enrollments;
    private final SendLedger ledger;
    private final DispatchOutbox dispatches;
    private final JourneyCounters counters;
    private final EntryDecider decider;
    private final JourneyEngine engine;
    private final Clock clock;
    private final RuntimeSignals signals;
    private final RuntimeSettings settings;
    private final CrossSellSource crossSell;
    private final Counter steps;
    private final Timer lateness;

    public JourneyRuntime(Db db, ContactRepository contacts, JourneyRepository journeys,
            EnrollmentRepository enrollments, SendLedger ledger, DispatchOutbox dispatches, JourneyCounters counters,
            EntryDecider decider, JourneyEngine engine, Clock clock, RuntimeSignals signals,
            RuntimeSettings settings, CrossSellSource crossSell, MeterRegistry registry) {
        this.steps = Counter.builder("lifecycle_campaign_journey_steps").description("Journey steps entered")
                .register(registry);
        this.lateness = Timer.builder("lifecycle_campaign_timer_lateness")
                .description("How long after its due moment a timer fired").register(registry);
        this.db = db;
        this.contacts = contacts;
        this.journeys = journeys;
        this.enrollments = enrollments;
        this.ledger = ledger;
        this.dispatches = dispatches;
        this.counters = counters;
        this.decider = decider;
        this.engine = engine;
        this.clock = clock;
        this.signals = signals;
        this.settings = settings;
        this.crossSell = crossSell;
    }

    /**
     * One transaction's work: what it queued, and the counters it moved. A bulk work (timer sweeps, broadcast pages)
     * gathers the enrollments' new states, the messages and their dispatch records and writes each kind in one
     * statement at its end; the consumers' work writes as it goes, since the next record of a batch reads it.
     */
    private final class Work {

        final Tx tx;
        final Instant now;
        final boolean bulk;
        final JourneyCounters.Tally tally = new JourneyCounters.Tally();
        final Map<String, Enrollment> updates = new LinkedHashMap<>();
        final List<LedgerMessage> messages = new ArrayList<>();
        final List<DispatchOutbox.Entry> records = new ArrayList<>();
        int queued;
        int sequence;

        Work(Tx tx) {
            this(tx, false);
        }

        Work(Tx tx, boolean bulk) {
            this.tx = tx;
            this.now = clock.instant();
            this.bulk = bulk;
        }

        void finish() {
            if (bulk) {
                enrollments.updateAll(tx, updates.values());
                Set<String> stored = ledger.queueAll(tx, messages);
                List<DispatchOutbox.Entry> all = new ArrayList<>(stored.size() + records.size());
                for (LedgerMessage message : messages) {
                    if (stored.contains(message.messageId())) {
                        all.add(announcement(message));
                        if ("queued".equals(message.status())) {
                            queued++;
                        }
                    }
                }
                all.addAll(records);
                dispatches.appendAll(tx, all);
                updates.clear();
                messages.clear();
                records.clear();
            }
            counters.flush(tx, tally);
        }
    }

    /** Applies a {@code lifecycle.events} record: the contact's facts, then enrollments, then triggers. */
    public void apply(CustomerEvent event) {
        applyAll(List.of(event));
    }

    /**
     * Applies {@code lifecycle.events} records in order in one transaction (one commit for the lot), each at most
     * once by its id. If any fails, none is applied: the caller applies them one by one.
     */
    public void applyAll(List<CustomerEvent> events) {
        int queued = db.inTransaction(tx -> {
            int total = 0;
            for (CustomerEvent event : events) {
                total += once(tx, event.id(), work -> apply(work, event));
            }
            return total;
        });
        if (queued > 0) {
            signals.messagesQueued();
        }
    }

    private void apply(Work work, CustomerEvent event) {
        String key = event.identityKey();
        if (contacts.erased(work.tx, key)) {
            return;
        }
        project(work.tx, event);
        Contact contact = contacts.lock(work.tx, key);
        Optional<JourneyEvent> observed = JourneyEvent.from(event);
        observed.ifPresent(journeyEvent -> observe(work, contact, journeyEvent));
        TriggerSignal.of(event).ifPresent(signal -> enter(work, contact, signal, null));
    }

    /** Applies a {@code lifecycle.transitions} record: the stage, and journeys that start on entering it. */
    public void apply(StageTransition transition) {
        applyTransitions(List.of(transition));
    }

    /** Applies {@code lifecycle.transitions} records in order in one transaction, each at most once by its id. */
    public void applyTransitions(List<StageTransition> transitions) {
        batch(transitions, StageTransition::id, this::apply);
    }

    private void apply(Work work, StageTransition transition) {
        String key = transition.identityKey();
        if (contacts.erased(work.tx, key) || transition.type() != TransitionType.STAGE_CHANGED) {
            return;
        }
        contacts.stage(work.tx, key, transition.profileId(), transition.toStage());
        Contact contact = contacts.lock(work.tx, key);
        TriggerSignal.of(transition).ifPresent(signal -> enter(work, contact, signal, null));
    }

    /** Applies a {@code lifecycle.memberships} record: the segments, and journeys that start on the change. */
    public void apply(MembershipChange change) {
        applyMemberships(List.of(change));
    }

    /** Applies {@code lifecycle.memberships} records in order in one transaction, each at most once by its id. */
    public void applyMemberships(List<MembershipChange> changes) {
        batch(changes, MembershipChange::id, this::apply);
    }

    private void apply(Work work, MembershipChange change) {
        String key = change.identityKey();
        if (contacts.erased(work.tx, key)) {
            return;
        }
        contacts.segment(work.tx, key, change.profileId(), change.segmentKey(), change.entered());
        Contact contact = contacts.lock(work.tx, key);
        enter(work, contact, TriggerSignal.of(change), null);
    }

    /**
     * Applies {@code lifecycle.predictions} records in order in one transaction, each at most once by its id: the
     * customer's predicted lifetime value and probability of buying again, which size win-back offers.
     */
    public void applyPredictions(List<CustomerPrediction> predictions) {
        batch(predictions, CustomerPrediction::id, this::apply);
    }

    public void apply(CustomerPrediction prediction) {
        applyPredictions(List.of(prediction));
    }

    private void apply(Work work, CustomerPrediction prediction) {
        String key = prediction.identityKey();
        if (contacts.erased(work.tx, key)) {
            return;
        }
        Double value = prediction.predictedLifetimeValue();
        contacts.prediction(work.tx, key, value == null || !Double.isFinite(value) ? null : BigDecimal.valueOf(value),
                Double.isFinite(prediction.probabilityAlive())
                        ? BigDecimal.valueOf(prediction.probabilityAlive())
                        : null,
                prediction.occurredAt());
    }

    /**
     * Erases a customer: the contact, their enrollments with their timers, their messages (those not sent yet are
     * announced as suppressed), their consent log; only the hash of their key stays, so nothing is sent to them
     * again, whatever arrives later.
     */
    public void apply(DeletionRequest request) {
        applyDeletions(List.of(request));
    }

    /** Applies {@code lifecycle.deletions} records in order in one transaction, each at most once by its id. */
    public void applyDeletions(List<DeletionRequest> requests) {
        batch(requests, DeletionRequest::id, this::apply);
    }

    private void apply(Work work, DeletionRequest request) {
        List<String> keys = new ArrayList<>();
        keys.add(request.userId());
        if (request.anonymousId() != null && !request.anonymousId().isBlank()) {
            keys.add(request.anonymousId());
        }
        for (String key : keys) {
            ledger.lockCustomer(work.tx, key);
            for (LedgerMessage pending : ledger.pendingOfCustomer(work.tx, key)) {
                dispatches.append(work.tx, pending, DispatchType.SUPPRESSED, "suppressed", "customer_deleted",
                        null);
            }
            ledger.deleteCustomer(work.tx, key);
            enrollments.deleteCustomer(work.tx, key);
            work.tx.query("delete from consent_change where customer_key = $1", key);
            contacts.erase(work.tx, key, work.now);
        }
    }

    /**
     * Fires due timers: claims up to {@code lifecycle.runtime.step-batch-size} with {@code SKIP LOCKED}, so sweeps on
     * several replicas (and several sweep threads) share them, runs the engine on each in memory and writes the batch's
     * enrollments, messages and dispatch records with one statement each.
     */
    public int fireDueTimers() {
        return inWork(true, work -> {
            List<Enrollment> due = enrollments.claimDue(work.tx, work.now, settings.stepBatchSize());
            if (due.isEmpty()) {
                return 0;
            }
            Map<String, Contact> recipients = contacts.readAll(work.tx,
                    due.stream().map(Enrollment::customerKey).toList());
            for (Enrollment enrollment : due) {
                JourneyVersion journey = journeys.version(work.tx, enrollment.journeyKey(),
                        enrollment.journeyVersion());
                Contact contact = recipients.get(enrollment.customerKey());
                lateness.record(Duration.between(enrollment.wakeAt(), work.now));
                Transition transition = engine.handle(journey, enrollment,
                        new Input.TimerDue(enrollment.wakeAt()), contact, work.now);
                if (transition.unchanged()) {
                    Log.warnf("Timer of enrollment %s at %s changed nothing", enrollment.enrollmentId(),
                            enrollment.wakeAt());
                }
                record(work, journey, contact, transition);
            }
            return due.size();
        });
    }

    /**
     * Runs due broadcasts, a page of contacts per journey and transaction: every current member among them is offered
     * the run. The page's last contact is kept on the journey ({@code broadcast_cursor}), so a restart goes on from there
     * (the enrollment ids, named after the run, refuse a page done twice); the next run is scheduled after the last.
     *
     * @return how many broadcasts have more pages to run
     */
    public int runDueBroadcasts() {
        return inWork(true, work -> {
            List<String> due = journeys.broadcastsDue(work.tx, work.now, 10);
            int more = 0;
            for (String key : due) {
                JourneyRepository.Head head = journeys.head(work.tx, key, true).orElseThrow();
                JourneyVersion journey = journeys.version(work.tx, key, head.latestVersion());
                if (!(journey.definition().trigger() instanceof Trigger.Broadcast broadcast)) {
                    journeys.nextBroadcast(work.tx, key, null);
                    continue;
                }
                Instant runAt = head.nextBroadcastAt();
                String after = head.broadcastCursor() == null ? "" : head.broadcastCursor();
                ContactRepository.SegmentPage page = contacts.membersPage(work.tx, broadcast.segment(), after,
                        settings.stepBatchSize());
                enterAll(work, journey, page.members(),
                        member -> new TriggerSignal.BroadcastRun(key, member, runAt));
                if (!page.end()) {
                    journeys.broadcastCursor(work.tx, key, page.lastScanned());
                    more++;
                } else {
                    Instant from = runAt.isAfter(work.now) ? runAt : work.now;
                    journeys.broadcastCursor(work.tx, key, null);
                    journeys.nextBroadcast(work.tx, key, broadcast.schedule().nextAfter(from));
                    Log.infof("Broadcast %s of %s ran", key, runAt);
                }
            }
            return more;
        });
    }

    /**
     * Offers one signal each to many customers for one journey, in bulk: their contacts and prior enrollments read with
     * one statement each, the entries stored with one, their first steps written at the end of the work.
     */
    private void enterAll(Work work, JourneyVersion journey, List<String> customers,
            Function<String, TriggerSignal> signals) {
        if (customers.isEmpty()) {
            return;
        }
        Map<String, Contact> recipients = contacts.readAll(work.tx, customers);
        Map<String, List<Enrollment>> prior = enrollments.ofCustomers(work.tx, customers, journey.key());
        List<Enrollment> entering = new ArrayList<>();
        for (String customer : customers) {
            Contact contact = recipients.get(customer);
            TriggerSignal signal = signals.apply(customer);
            if (!journey.definition().triggeredBy(signal, contact)) {
                continue;
            }
            EntryDecision decision = decider.decide(journey, signal, contact, prior.getOrDefault(customer, List.of()),
                    work.now);
            if (decision instanceof EntryDecision.Enter enter) {
                entering.add(enter.enrollment());
            }
        }
        Set<String> stored = enrollments.insertAll(work.tx, entering);
        for (Enrollment enrollment : entering) {
            if (stored.contains(enrollment.enrollmentId())) {
                Contact contact = recipients.get(enrollment.customerKey());
                work.tally.add(journey.key(), journey.version(), "", "entered");
                record(work, journey, contact, engine.handle(journey, enrollment, new Input.TriggerReceived(),
                        contact, work.now));
            }
        }
    }

    /**
     * Stops every enrollment of an archived journey and suppresses its messages not sent yet, in the caller's
     * transaction.
     */
    void stopJourney(Tx tx, String journeyKey) {
        Work work = new Work(tx);
        List<Enrollment> active;
        do {
            active = enrollments.activeInJourney(tx, journeyKey, 500);
            for (Enrollment enrollment : active) {
                JourneyVersion journey = journeys.version(tx, journeyKey, enrollment.journeyVersion());
                Contact contact = contacts.read(tx, enrollment.customerKey());
                record(work, journey, contact, engine.handle(journey, enrollment,
                        new Input.Stop(ExitReason.JOURNEY_ARCHIVED), contact, work.now));
            }
        } while (!active.isEmpty());
        List<LedgerMessage> pending;
        do {
            pending = ledger.pendingOfJourney(tx, journeyKey, 500);
            for (LedgerMessage message : pending) {
                ledger.move(tx, message.messageId(), message.status(), "suppressed", "journey archived", null);
                dispatches.append(tx, message, DispatchType.SUPPRESSED, "suppressed", "journey_archived", null);
            }
        } while (!pending.isEmpty());
        work.finish();
    }

    /**
     * Applies records in order in one transaction (one commit for the lot), each at most once by its id. If any fails,
     * none is applied: the caller applies them one by one.
     */
    private <T> void batch(List<T> records, Function<T, String> id, BiConsumer<Work, T> body) {
        int queued = db.inTransaction(tx -> {
            int total = 0;
            for (T record : records) {
                total += once(tx, id.apply(record), work -> body.accept(work, record));
            }
            return total;
        });
        if (queued > 0) {
            signals.messagesQueued();
        }
    }

    /** Applies a record in {@code tx} unless its id was applied before; returns how many messages it queued. */
    private int once(Tx tx, String recordId, Consumer<Work> body) {
        if (tx.query("insert into processed_event (event_id) values ($1) on conflict do nothing", recordId)
                .rowCount() == 0) {
            return 0;
        }
        Work work = new Work(tx);
        body.accept(work);
        work.finish();
        return work.queued;
    }

    private int inWork(boolean bulk, Function<Work, Integer> body) {
        int[] queued = new int[1];
        int done = db.inTransaction(tx -> {
            Work work = new Work(tx, bulk);
            int n = body.apply(work);
            work.finish();
            queued[0] = work.queued;
            return n;
        });
        if (queued[0] > 0) {
            signals.messagesQueued();
        }
        return done;
    }

    /** Takes an event's facts into the contact. */
    private void project(Tx tx, CustomerEvent event) {
        String key = event.identityKey();
        if (event.type() == MessageType.IDENTIFY && event.traits() != null) {
            ObjectNode traits = event.traits();
            Map<Channel, Boolean> consent = new EnumMap<>(Channel.class);
            consentTrait(traits, "email_consent", Channel.EMAIL, consent);
            consentTrait(traits, "sms_consent", Channel.SMS, consent);
            consentTrait(traits, "push_consent", Channel.PUSH, consent);
            Context context = event.typedContext();
            String zone = PropertyValues.text(traits, "timezone");
            if (zone == null) {
                zone = context.timezone();
            }
            contacts.identify(tx, key, traits, PropertyValues.text(traits, "email"),
                    PropertyValues.text(traits, "phone"), zone, consent);
            return;
        }
        if (event.type() != MessageType.TRACK) {
            return;
        }
        ObjectNode properties = event.properties() == null
                ? LifecycleJson.mapper().createObjectNode()
                : event.properties();
        Channel channel = ContactRepository.channel(PropertyValues.text(properties, "channel")).orElse(Channel.EMAIL);
        String messageId = PropertyValues.text(properties, "email_id");
        switch (event.event()) {
            case CommerceEvents.ORDER_COMPLETED -> {
                BigDecimal value = Order.from(properties).value();
                contacts.order(tx, key, value == null ? BigDecimal.ZERO : value.max(BigDecimal.ZERO));
                countProducts(tx, properties);
            }
            case EmailEvents.UNSUBSCRIBED -> contacts.consent(tx, key, channel, false);
            case EmailEvents.EMAIL_OPENED, EmailEvents.EMAIL_LINK_CLICKED -> contacts.sunset(tx, key, channel, false);
            case EmailEvents.EMAIL_DELIVERED -> providerReport(tx, messageId, "delivered", DispatchType.DELIVERED,
                    null);
            case EmailEvents.EMAIL_BOUNCED -> {
                contacts.suppress(tx, key, Channel.EMAIL, "hard bounce");
                providerReport(tx, messageId, "bounced", DispatchType.BOUNCED, "hard bounce");
            }
            case SignalEvents.TICKET_CREATED -> {
                String ticket = PropertyValues.text(properties, SignalEvents.TICKET_ID);
                contacts.ticket(tx, key, ticket == null ? event.id() : ticket, true);
            }
            case SignalEvents.TICKET_SOLVED -> contacts.ticket(tx, key,
                    PropertyValues.text(properties, SignalEvents.TICKET_ID), false);
            case EmailEvents.EMAIL_MARKED_AS_SPAM -> contacts.suppress(tx, key, Channel.EMAIL, "spam complaint");
            case SignalEvents.SURVEY_RESPONDED -> {
                // An answer through a survey link whose signature failed is not the named customer's word.
                JsonNode score = properties.get(SignalEvents.NPS_SCORE);
                JsonNode verified = properties.get(SignalEvents.LINK_VERIFIED);
                if (score != null && score.isIntegralNumber() && score.intValue() >= 0 && score.intValue() <= 10
                        && !(verified != null && verified.isBoolean() && !verified.booleanValue())) {
                    contacts.nps(tx, key, score.intValue(), event.occurredAt());
                }
            }
            default -> {
                // other events are behaviour only: they matter to triggers, goals and waits
            }
        }
    }

    /** Counts an order's products once each, for the store's best sellers (the cross-sell fallback). */
    private static void countProducts(Tx tx, ObjectNode properties) {
        Set<String> ids = new java.util.TreeSet<>();
        for (ObjectNode product : PropertyValues.objects(properties, "products")) {
            String id = PropertyValues.text(product, "product_id");
            if (id != null && !id.isBlank()) {
                ids.add(id);
            }
        }
        if (!ids.isEmpty()) {
            tx.query("""
                    insert into product_sales (product_id, orders) select id, 1 from unnest($1::text[]) as id
                    on conflict (product_id) do update set orders = product_sales.orders + 1""",
                    (Object) ids.toArray(String[]::new));
        }
    }

    private void providerReport(Tx tx, String messageId, String status, DispatchType type, String reason) {
        if (messageId == null) {
            return;
        }
        ledger.find(tx, messageId).ifPresent(message -> {
            if (ledger.move(tx, messageId, "sent", status, reason, null)) {
                dispatches.append(tx, message, type, status, reason, message.providerMessageId());
            }
        });
    }

    private static void consentTrait(ObjectNode traits, String name, Channel channel, Map<Channel, Boolean> out) {
        JsonNode value = traits.get(name);
        if (value != null && value.isBoolean()) {
            out.put(channel, value.booleanValue());
        }
    }

    /** Offers an event to the customer's running enrollments: goals, and what {@code wait_until} steps await. */
    private void observe(Work work, Contact contact, JourneyEvent event) {
        for (Enrollment enrollment : enrollments.activeOfCustomer(work.tx, contact.customerKey())) {
            JourneyVersion journey = journeys.version(work.tx, enrollment.journeyKey(), enrollment.journeyVersion());
            record(work, journey, contact, engine.handle(journey, enrollment, new Input.EventObserved(event), contact,
                    work.now));
        }
    }

    /** Offers a signal to the active journeys (or only {@code only}) and runs the first steps of those it enters. */
    private void enter(Work work, Contact contact, TriggerSignal signal, JourneyVersion only) {
        List<JourneyVersion> candidates = only == null ? journeys.activeLatest(work.tx) : List.of(only);
        for (JourneyVersion journey : candidates) {
            if (!journey.definition().triggeredBy(signal, contact)) {
                continue;
            }
            List<Enrollment> prior = enrollments.ofCustomer(work.tx, contact.customerKey(), journey.key());
            EntryDecision decision = decider.decide(journey, signal, contact, prior, work.now);
            if (decision instanceof EntryDecision.Enter enter && enrollments.insert(work.tx, enter.enrollment())) {
                work.tally.add(journey.key(), journey.version(), "", "entered");
                record(work, journey, contact, engine.handle(journey, enter.enrollment(),
                        new Input.TriggerReceived(), contact, work.now));
            }
        }
    }

    /** Saves an engine transition and applies its effects. */
    private void record(Work work, JourneyVersion journey, Contact contact, Transition transition) {
        if (transition.unchanged()) {
            return;
        }
        Enrollment enrollment = transition.enrollment();
        if (work.bulk) {
            work.updates.put(enrollment.enrollmentId(), enrollment);
        } else {
            enrollments.update(work.tx, enrollment);
        }
        String key = journey.key();
        int version = journey.version();
        for (Effect effect : transition.effects()) {
            switch (effect) {
                case Effect.SendMessage send -> queue(work, enrollment, send);
                case Effect.StepEntered entered -> {
                    steps.increment();
                    work.tally.add(key, version, entered.stepId(), "entered");
                }
                case Effect.StepExited exited -> work.tally.add(key, version, exited.stepId(), "exited");
                case Effect.HeldOut heldOut -> {
                    work.tally.add(key, version, "", "held_out:" + heldOut.group().name().toLowerCase(Locale.ROOT));
                    heldOut(work, journey, enrollment, heldOut.group());
                }
                case Effect.Converted converted -> work.tally.add(key, version, "",
                        "converted:" + converted.group().name().toLowerCase(Locale.ROOT));
                case Effect.Exited exited -> work.tally.add(key, version, exited.stepId() == null
                        ? ""
                        : exited.stepId(), "exit:" + exited.reason().name().toLowerCase(Locale.ROOT));
                case Effect.SunsetChannel sunset -> contacts.sunset(work.tx, contact.customerKey(), sunset.channel(),
                        true);
                case Effect.ScheduleTimer timer -> {
                    // the enrollment's wake_at column, saved above, is the timer
                }
            }
        }
    }

    private void queue(Work work, Enrollment enrollment, Effect.SendMessage send) {
        List<String> recommendations = send.recommendations() == null
                ? List.of()
                : crossSell.recommend(work.tx, send.recommendations().basedOn(), send.recommendations().count());
        LedgerMessage message = new LedgerMessage(SendLedger.messageId(send.key()), send.key().journeyKey(),
                send.key().journeyVersion(), send.key().stepId(), send.key().customerKey(),
                send.key().enrollmentId(), send.channel(), send.template(), send.priority(), send.variant(),
                send.offer(), recommendations, enrollment.triggerProperties(), "queued", null, work.now,
                // a microsecond apart, so that messages queued together are offered in step order
                work.now.plusNanos(1_000L * work.sequence++), null, null);
        store(work, message);
    }

    /**
     * A customer entered in a control group: the ledger records the message they would have had first (the journey's
     * first send step in document order) as born {@code suppressed} with the reason {@code held_out} (the journey's
     * holdout) or {@code global_control}, and announces it with a {@code dispatch.suppressed} record, so analytics
     * counts them in the control group. The ledger's key makes it one per enrollment and step; nothing is sent.
     */
    private void heldOut(Work work, JourneyVersion journey, Enrollment enrollment, Group group) {
        Step.Send first = firstSend(journey.definition().steps());
        if (first == null) {
            return;
        }
        SendKey key = new SendKey(journey.key(), journey.version(), first.id(), enrollment.customerKey(),
                enrollment.enrollmentId());
        String reason = group == Group.GLOBAL_CONTROL ? "global_control" : "held_out";
        store(work, new LedgerMessage(SendLedger.messageId(key), journey.key(), journey.version(), first.id(),
                enrollment.customerKey(), enrollment.enrollmentId(), first.channel(), first.template(),
                first.priority(), null, null, List.of(), enrollment.triggerProperties(), "suppressed", reason,
                work.now, work.now, null, null));
    }

    /** The first send step of a list of steps, in document order (branches and variants in turn); null when none. */
    static Step.Send firstSend(List<Step> steps) {
        for (Step step : steps) {
            Step.Send found = switch (step) {
                case Step.Send send -> send;
                case Step.Branch branch -> {
                    Step.Send then = firstSend(branch.then());
                    yield then != null ? then : firstSend(branch.otherwise());
                }
                case Step.WaitUntil waitUntil -> {
                    Step.Send onEvent = firstSend(waitUntil.onEvent());
                    yield onEvent != null ? onEvent : firstSend(waitUntil.onTimeout());
                }
                case Step.Split split -> split.variants().stream().map(variant -> firstSend(variant.steps()))
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
                default -> null;
            };
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private void store(Work work, LedgerMessage message) {
        if (work.bulk) {
            work.messages.add(message);
        } else if (ledger.queue(work.tx, message)) {
            DispatchOutbox.Entry entry = announcement(message);
            dispatches.append(work.tx, message, entry.type(), entry.status(), entry.reason(), null);
            if ("queued".equals(message.status())) {
                work.queued++;
            }
        }
    }

    private static DispatchOutbox.Entry announcement(LedgerMessage message) {
        return "queued".equals(message.status())
                ? new DispatchOutbox.Entry(message, DispatchType.QUEUED, "queued", null, null)
                : new DispatchOutbox.Entry(message, DispatchType.SUPPRESSED, message.status(), message.reason(),
                        null);
    }
}
