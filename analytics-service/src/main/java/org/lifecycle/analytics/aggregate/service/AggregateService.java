package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.aggregate.repository.AggregateWrites;
import org.lifecycle.analytics.aggregate.repository.AggregateWrites.Response;
import org.lifecycle.analytics.crosssell.service.BasketBatch;
import org.lifecycle.analytics.crosssell.service.Baskets;
import org.lifecycle.contracts.Envelope;
import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.dispatch.Dispatch;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.PropertyValues;
import org.lifecycle.contracts.event.commerce.CommerceEvents;
import org.lifecycle.contracts.event.commerce.Order;
import org.lifecycle.contracts.event.email.EmailActivity;
import org.lifecycle.contracts.event.email.EmailEvents;
import org.lifecycle.contracts.event.signal.SignalEvents;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.TransitionType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies the records of the four topics to the aggregates. A batch is one transaction: the records' ids are claimed
 * in {@code processed_event} (one statement) and a record applied only if its claim is new, so a redelivered or replayed record
 * changes nothing. The consumer commits its offsets after this transaction commits.
 */
@ApplicationScoped
public class AggregateService {

    private final Pool pool;
    private final AggregateWrites writes;
    private final AggregateConfig config;
    private final Calendar calendar;
    private final Baskets baskets;

    public AggregateService(Pool pool, AggregateWrites writes, AggregateConfig config, Calendar calendar,
            Baskets baskets) {
        this.pool = pool;
        this.writes = writes;
        this.config = config;
        this.calendar = calendar;
        this.baskets = baskets;
    }

    /** Applies events; the batch's new orders' cross-sell counts are written once, at the end of its transaction. */
    public Uni<Void> applyEvents(List<CustomerEvent> events) {
        BasketBatch batch = new BasketBatch();
        return applyAll(events, (connection, event) -> applyEvent(connection, event, batch),
                connection -> baskets.flush(connection, batch));
    }

    public Uni<Void> applyTransitions(List<StageTransition> transitions) {
        return applyAll(transitions, this::applyTransition);
    }

    public Uni<Void> applyMemberships(List<MembershipChange> changes) {
        return applyAll(changes, this::applyMembership);
    }

    public Uni<Void> applyDispatches(List<Dispatch> dispatches) {
        return applyAll(dispatches, this::applyDispatch);
    }

    public Uni<Void> applyDeletions(List<DeletionRequest> deletions) {
        return applyAll(deletions, this::applyDeletion);
    }

    private <T extends Envelope> Uni<Void> applyAll(List<T> records,
            BiFunction<SqlConnection, T, Uni<Void>> apply) {
        return applyAll(records, apply, connection -> Uni.createFrom().voidItem());
    }

    private <T extends Envelope> Uni<Void> applyAll(List<T> records,
            BiFunction<SqlConnection, T, Uni<Void>> apply, Function<SqlConnection, Uni<Void>> finish) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> writes.claimAll(connection,
                records.stream().map(Envelope::id).toList())
                // A record whose id was new is applied; an id twice in one batch only the first time.
                .chain(fresh -> Multi.createFrom().iterable(records).filter(record -> fresh.remove(record.id()))
                        .onItem().transformToUniAndConcatenate(record -> apply.apply(connection, record))
                        .collect().last())
                .chain(() -> finish.apply(connection)));
    }

    private Uni<Void> applyEvent(SqlConnection connection, CustomerEvent event, BasketBatch batch) {
        String customer = event.identityKey();
        Instant at = event.occurredAt();
        if (event.type() == MessageType.PAGE || event.type() == MessageType.SCREEN) {
            LocalDate day = calendar.day(at);
            return writes.addVisitor(connection, day, customer)
                    .chain(() -> writes.addVisitorAttributes(connection, day, customer,
                            VisitAttributes.ofView(event)));
        }
        if (event.type() != MessageType.TRACK) {
            return Uni.createFrom().voidItem();
        }
        String name = event.event();
        if (CommerceEvents.ORDER_COMPLETED.equals(name)) {
            return applyOrder(connection, event, batch);
        }
        if (CommerceEvents.ORDER_REFUNDED.equals(name)) {
            Order refund = Order.from(event.properties());
            return writes.addRefund(connection, calendar.day(at), refund.value().abs());
        }
        if (SignalEvents.SURVEY_RESPONDED.equals(name) || SignalEvents.SATISFACTION_RATED.equals(name)) {
            return applySignal(connection, event);
        }
        Response response = switch (name) {
            case EmailEvents.EMAIL_DELIVERED -> Response.DELIVERED;
            case EmailEvents.EMAIL_OPENED -> Response.OPENED;
            case EmailEvents.EMAIL_LINK_CLICKED -> Response.CLICKED;
            case EmailEvents.UNSUBSCRIBED -> Response.UNSUBSCRIBED;
            default -> null;
        };
        if (response == null) {
            return Uni.createFrom().voidItem();
        }
        EmailActivity activity = EmailActivity.from(event.properties());
        if (activity.journeyId() == null || activity.stepId() == null) {
            return Uni.createFrom().voidItem();
        }
        return writes.recordResponse(connection, activity.journeyId(), activity.stepId(), customer, response, at);
    }

    /**
     * A survey answer or a support rating: its NPS and CSAT scores (if any) as one response, and a survey's answers as
     * the customer's attributes of the day.
     */
    private Uni<Void> applySignal(SqlConnection connection, CustomerEvent event) {
        SignalAnswer answer = SignalAnswer.from(event);
        LocalDate day = calendar.day(event.occurredAt());
        Uni<Void> scores = answer == null
                ? Uni.createFrom().voidItem()
                : writes.insertSignal(connection, event.id(), event.identityKey(), event.occurredAt(), day, answer);
        return scores.chain(() -> writes.addVisitorAttributes(connection, day, event.identityKey(),
                VisitAttributes.ofAnswers(event, answer)));
    }

    private Uni<Void> applyOrder(SqlConnection connection, CustomerEvent event, BasketBatch batch) {
        Order order = Order.from(event.properties());
        String orderId = order.orderId() == null ? event.id() : order.orderId();
        BigDecimal revenue = order.value();
        BigDecimal cost = cost(event.properties());
        LocalDate day = calendar.day(event.occurredAt());
        String customer = event.identityKey();
        return writes.insertOrder(connection, orderId, customer, event.occurredAt(), day, revenue, cost)
                .chain(fresh -> fresh
                        ? writes.addCustomerMonth(connection, customer, calendar.month(day), revenue)
                                .invoke(() -> baskets.add(batch, orderId, order))
                        : Uni.createFrom().voidItem());
    }

    /**
     * What the order cost the store, for margin: the order's {@code cost} property, else the sum of the products'
     * {@code cost} times quantity when every product states one; {@code null} when the store sent no cost.
     */
    static BigDecimal cost(ObjectNode properties) {
        BigDecimal cost = PropertyValues.decimal(properties, "cost");
        if (cost != null) {
            return cost;
        }
        List<ObjectNode> products = PropertyValues.objects(properties, "products");
        if (products.isEmpty()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (ObjectNode product : products) {
            BigDecimal unitCost = PropertyValues.decimal(product, "cost");
            if (unitCost == null) {
                return null;
            }
            Integer quantity = PropertyValues.integer(product, "quantity");
            sum = sum.add(unitCost.multiply(BigDecimal.valueOf(quantity == null ? 1 : quantity)));
        }
        return sum;
    }

    private Uni<Void> applyTransition(SqlConnection connection, StageTransition transition) {
        LocalDate day = calendar.day(transition.occurredAt());
        String to = transition.toStage();
        String from = transition.fromStage();
        Uni<Void> merged = Uni.createFrom().voidItem();
        if (transition.type() == TransitionType.PROFILE_MERGED) {
            String gone = transition.mergedProfileId();
            merged = writes.stageOf(connection, gone)
                    .chain(stage -> stage == null
                            ? Uni.createFrom().voidItem()
                            : writes.addStageDelta(connection, day, stage, -1))
                    .chain(() -> writes.removeProfile(connection, gone));
        }
        boolean moved = from == null || !from.equals(to);
        Uni<Void> counted = moved
                ? (from == null ? Uni.createFrom().voidItem() : writes.addStageDelta(connection, day, from, -1))
                        .chain(() -> writes.addStageDelta(connection, day, to, 1))
                : Uni.createFrom().voidItem();
        Uni<Void> flow = transition.type() == TransitionType.STAGE_CHANGED && moved
                ? writes.addFlow(connection, day, from == null ? "" : from, to, transition.reactivation())
                : Uni.createFrom().voidItem();
        return merged.chain(() -> counted).chain(() -> flow)
                .chain(() -> writes.addStageHistory(connection, transition.identityKey(), transition.occurredAt(), to))
                .chain(() -> writes.setStage(connection, transition.profileId(), transition.identityKey(), to,
                        transition.since()));
    }

    private Uni<Void> applyMembership(SqlConnection connection, MembershipChange change) {
        return writes.addSegmentChange(connection, change.identityKey(), change.segmentKey(), change.occurredAt(),
                change.entered()).chain(
                        () -> change.entered()
                                ? writes.enterSegment(connection, change.segmentKey(), change.identityKey(),
                                        change.segmentKind().wireName(), change.occurredAt())
                                : writes.exitSegment(connection, change.segmentKey(), change.identityKey(),
                                        change.occurredAt()));
    }

    /**
     * Erases a customer: their user id, anonymous id and (on {@code profile.deleted}) profile id are replaced, in
     * every table, by random pseudonyms (one per id), so the figures they took part in stay the same and nothing kept
     * names them any more.
     */
    private Uni<Void> applyDeletion(SqlConnection connection, DeletionRequest deletion) {
        Uni<Void> user = writes.pseudonymize(connection, deletion.userId(), pseudonym());
        Uni<Void> device = deletion.anonymousId() == null || deletion.anonymousId().isBlank()
                ? user
                : user.chain(() -> writes.pseudonymize(connection, deletion.anonymousId(), pseudonym()));
        return deletion.profileId() == null
                ? device
                : device.chain(() -> writes.pseudonymizeProfile(connection, deletion.profileId(), pseudonym()));
    }

    private static String pseudonym() {
        return "erased-" + UUID.randomUUID();
    }

    private Uni<Void> applyDispatch(SqlConnection connection, Dispatch dispatch) {
        Instant at = dispatch.occurredAt();
        return switch (dispatch.type()) {
            case SENT -> writes.recordSend(connection, dispatch.journeyId(), dispatch.stepId(), dispatch.identityKey(),
                    dispatch.journeyVersion(), dispatch.variant(), dispatch.channel().wireName(), at);
            case DELIVERED -> writes.recordResponse(connection, dispatch.journeyId(), dispatch.stepId(),
                    dispatch.identityKey(), Response.DELIVERED, at);
            case SUPPRESSED -> dispatch.reason() != null && config.holdoutReasons().contains(dispatch.reason())
                    ? writes.recordHoldout(connection, dispatch.journeyId(), dispatch.identityKey(), at)
                    : Uni.createFrom().voidItem();
            // A queued message has not been sent yet; a bounce or failure means it was not delivered, which the
            // missing delivered record already says.
            case QUEUED, FAILED, BOUNCED, HELD -> Uni.createFrom().voidItem();
        };
    }
}
