package org.lifecycle.analytics.aggregate.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.analytics.aggregate.service.SignalAnswer;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The upserts that keep the aggregates current. Each runs on the caller's connection, inside the transaction that
 * also records the record's id as processed.
 */
@ApplicationScoped
public class AggregateWrites {

    /** Records a batch's record ids in one statement; the ids that are new (each once). */
    public Uni<java.util.Set<String>> claimAll(SqlConnection connection, List<String> ids) {
        return connection.preparedQuery("""
                insert into processed_event (event_id) select unnest($1::text[])
                on conflict do nothing returning event_id""")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    java.util.Set<String> fresh = new java.util.HashSet<>();
                    rows.forEach(row -> fresh.add(row.getString("event_id")));
                    return fresh;
                });
    }

    /** Adds an order once per order id; true when it is new. */
    public Uni<Boolean> insertOrder(SqlConnection connection, String orderId, String customerKey, Instant at,
            LocalDate day, BigDecimal revenue, BigDecimal cost) {
        return connection.preparedQuery("""
                insert into customer_order (order_id, customer_key, occurred_at, day, revenue, cost)
                values ($1, $2, $3, $4, $5, $6) on conflict (order_id) do nothing returning order_id""")
                .execute(Tuple.tuple().addString(orderId).addString(customerKey).addOffsetDateTime(utc(at))
                        .addLocalDate(day).addBigDecimal(revenue).addBigDecimal(cost))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> addCustomerMonth(SqlConnection connection, String customerKey, LocalDate month,
            BigDecimal revenue) {
        return connection.preparedQuery("""
                insert into customer_month (customer_key, month, orders, revenue) values ($1, $2, 1, $3)
                on conflict (customer_key, month) do update
                set orders = customer_month.orders + 1, revenue = customer_month.revenue + excluded.revenue""")
                .execute(Tuple.of(customerKey, month, revenue)).replaceWithVoid();
    }

    public Uni<Void> addRefund(SqlConnection connection, LocalDate day, BigDecimal amount) {
        return connection.preparedQuery("""
                insert into daily_refund (day, refunds, amount) values ($1, 1, $2)
                on conflict (day) do update
                set refunds = daily_refund.refunds + 1, amount = daily_refund.amount + excluded.amount""")
                .execute(Tuple.of(day, amount)).replaceWithVoid();
    }

    public Uni<Void> addVisitor(SqlConnection connection, LocalDate day, String visitorKey) {
        return connection.preparedQuery(
                "insert into daily_visitor (day, visitor_key) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(day, visitorKey)).replaceWithVoid();
    }

    /** The profile's stage before this change, if known. */
    public Uni<String> stageOf(SqlConnection connection, String profileId) {
        return connection.preparedQuery("select stage from profile_stage where profile_id = $1")
                .execute(Tuple.of(profileId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("stage"));
    }

    public Uni<Void> setStage(SqlConnection connection, String profileId, String identityKey, String stage,
            Instant since) {
        return connection.preparedQuery("""
                insert into profile_stage (profile_id, identity_key, stage, since) values ($1, $2, $3, $4)
                on conflict (profile_id) do update
                set identity_key = excluded.identity_key, stage = excluded.stage, since = excluded.since""")
                .execute(Tuple.of(profileId, identityKey, stage, utc(since))).replaceWithVoid();
    }

    public Uni<Void> removeProfile(SqlConnection connection, String profileId) {
        return connection.preparedQuery("delete from profile_stage where profile_id = $1")
                .execute(Tuple.of(profileId)).replaceWithVoid();
    }

    public Uni<Void> addStageDelta(SqlConnection connection, LocalDate day, String stage, int delta) {
        return connection.preparedQuery("""
                insert into stage_delta (day, stage, delta) values ($1, $2, $3)
                on conflict (day, stage) do update set delta = stage_delta.delta + excluded.delta""")
                .execute(Tuple.of(day, stage, delta)).replaceWithVoid();
    }

    public Uni<Void> addFlow(SqlConnection connection, LocalDate day, String fromStage, String toStage,
            boolean reactivation) {
        return connection
                .preparedQuery(
                        """
                                insert into stage_flow (day, from_stage, to_stage, transitions, reactivations) values ($1, $2, $3, 1, $4)
                                on conflict (day, from_stage, to_stage) do update
                                set transitions = stage_flow.transitions + 1,
                                    reactivations = stage_flow.reactivations + excluded.reactivations""")
                .execute(Tuple.of(day, fromStage, toStage, reactivation ? 1 : 0)).replaceWithVoid();
    }

    public Uni<Void> enterSegment(SqlConnection connection, String segmentKey, String identityKey, String kind,
            Instant at) {
        return connection.preparedQuery("""
                insert into segment_member (segment_key, identity_key, segment_kind, since) values ($1, $2, $3, $4)
                on conflict (segment_key, identity_key) do update
                set since = excluded.since, segment_kind = excluded.segment_kind
                where segment_member.since <= excluded.since""")
                .execute(Tuple.of(segmentKey, identityKey, kind, utc(at))).replaceWithVoid();
    }

    /** Ends a membership unless a later entry (delivered out of order) replaced it. */
    public Uni<Void> exitSegment(SqlConnection connection, String segmentKey, String identityKey, Instant at) {
        return connection.preparedQuery(
                "delete from segment_member where segment_key = $1 and identity_key = $2 and since <= $3")
                .execute(Tuple.of(segmentKey, identityKey, utc(at))).replaceWithVoid();
    }

    /** A message of a journey step handed to the channel: the contact's first send fixes its stage and segments. */
    public Uni<Void> recordSend(SqlConnection connection, String journeyId, String stepId, String identityKey,
            int journeyVersion, String variant, String channel, Instant at) {
        return connection.preparedQuery("""
                insert into campaign_contact (journey_id, step_id, identity_key, journey_version, variant, channel,
                                              stage, segments, sends, first_sent_at)
                values ($1, $2, $3, $4, $5, $6,
                        (select stage from profile_stage where identity_key = $3 order by since desc limit 1),
                        coalesce((select array_agg(segment_key order by segment_key) from segment_member
                                  where identity_key = $3), '{}'),
                        1, $7)
                on conflict (journey_id, step_id, identity_key) do update
                set sends = campaign_contact.sends + 1,
                    journey_version = coalesce(campaign_contact.journey_version, excluded.journey_version),
                    variant = case when campaign_contact.first_sent_at is null then excluded.variant
                                   else campaign_contact.variant end,
                    channel = coalesce(campaign_contact.channel, excluded.channel),
                    stage = case when campaign_contact.first_sent_at is null then excluded.stage
                                 else campaign_contact.stage end,
                    segments = case when campaign_contact.first_sent_at is null then excluded.segments
                                    else campaign_contact.segments end,
                    first_sent_at = least(campaign_contact.first_sent_at, excluded.first_sent_at)""")
                .execute(Tuple.tuple().addString(journeyId).addString(stepId).addString(identityKey)
                        .addInteger(journeyVersion).addString(variant == null ? "" : variant).addString(channel)
                        .addOffsetDateTime(utc(at)))
                .replaceWithVoid();
    }

    /**
     * Marks the first time a contact reached a response (delivered, opened, clicked, unsubscribed). A response that
     * arrives before its send record creates the contact, which the send then completes.
     */
    public Uni<Void> recordResponse(SqlConnection connection, String journeyId, String stepId, String identityKey,
            Response response, Instant at) {
        String column = response.column;
        return connection.preparedQuery("insert into campaign_contact (journey_id, step_id, identity_key, " + column
                + ") values ($1, $2, $3, $4) on conflict (journey_id, step_id, identity_key) do update set " + column
                + " = least(campaign_contact." + column + ", excluded." + column + ")")
                .execute(Tuple.of(journeyId, stepId, identityKey, utc(at))).replaceWithVoid();
    }

    public Uni<Void> recordHoldout(SqlConnection connection, String journeyId, String identityKey, Instant at) {
        return connection.preparedQuery("""
                insert into campaign_holdout (journey_id, identity_key, held_at, stage, segments)
                values ($1, $2, $3,
                        (select stage from profile_stage where identity_key = $2 order by since desc limit 1),
                        coalesce((select array_agg(segment_key order by segment_key) from segment_member
                                  where identity_key = $2), '{}'))
                on conflict (journey_id, identity_key) do update
                set held_at = least(campaign_holdout.held_at, excluded.held_at)""")
                .execute(Tuple.of(journeyId, identityKey, utc(at))).replaceWithVoid();
    }

    /** The stage a customer is in from {@code at} on (event time), for placing answers in their stage at the time. */
    public Uni<Void> addStageHistory(SqlConnection connection, String identityKey, Instant at, String stage) {
        return connection.preparedQuery(
                "insert into stage_history (identity_key, at, stage) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(identityKey, utc(at), stage)).replaceWithVoid();
    }

    /** A segment entry or exit at {@code at} (event time). */
    public Uni<Void> addSegmentChange(SqlConnection connection, String identityKey, String segmentKey, Instant at,
            boolean entered) {
        return connection.preparedQuery("""
                insert into segment_change (identity_key, segment_key, at, entered) values ($1, $2, $3, $4)
                on conflict do nothing""")
                .execute(Tuple.of(identityKey, segmentKey, utc(at), entered)).replaceWithVoid();
    }

    /** An NPS or CSAT answer, once per event id. */
    public Uni<Void> insertSignal(SqlConnection connection, String eventId, String identityKey, Instant at,
            LocalDate day, SignalAnswer answer) {
        return connection.preparedQuery("""
                insert into signal_response (event_id, identity_key, occurred_at, day, event, signal_source, survey_id,
                                             nps_score, nps_category, csat_score, satisfied)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (event_id) do nothing""")
                .execute(Tuple.tuple().addString(eventId).addString(identityKey).addOffsetDateTime(utc(at))
                        .addLocalDate(day).addString(answer.event()).addString(answer.source())
                        .addString(answer.surveyId())
                        .addShort(answer.npsScore() == null ? null : answer.npsScore().shortValue())
                        .addString(answer.npsCategory()).addBigDecimal(answer.csatScore())
                        .addBoolean(answer.satisfied()))
                .replaceWithVoid();
    }

    /** Adds a visitor's attributes of a day (dimension → value → views), in one statement. */
    public Uni<Void> addVisitorAttributes(SqlConnection connection, LocalDate day, String visitorKey,
            Map<String, Map<String, Integer>> attributes) {
        List<String> dimensions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Integer> views = new ArrayList<>();
        attributes.forEach((dimension, byValue) -> byValue.forEach((value, count) -> {
            dimensions.add(dimension);
            values.add(value);
            views.add(count);
        }));
        if (dimensions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                insert into visitor_attribute (day, visitor_key, dimension, value, views)
                select $1, $2, d, v, n from unnest($3::text[], $4::text[], $5::int[]) as t (d, v, n)
                on conflict (day, visitor_key, dimension, value) do update
                set views = visitor_attribute.views + excluded.views""")
                .execute(Tuple.of(day, visitorKey, dimensions.toArray(String[]::new), values.toArray(String[]::new),
                        views.toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /** Every table column that holds a customer's identity key. */
    private static final List<String> IDENTITY_COLUMNS = List.of("customer_order.customer_key",
            "customer_month.customer_key", "daily_visitor.visitor_key", "profile_stage.identity_key",
            "segment_member.identity_key", "campaign_contact.identity_key", "campaign_holdout.identity_key",
            "customer_prediction.customer_key", "stage_history.identity_key", "segment_change.identity_key",
            "signal_response.identity_key", "visitor_attribute.visitor_key");

    /** Replaces an identity key everywhere by a pseudonym that nothing links back to it; every count stays. */
    public Uni<Void> pseudonymize(SqlConnection connection, String identityKey, String pseudonym) {
        return Multi.createFrom().iterable(IDENTITY_COLUMNS)
                .onItem().transformToUniAndConcatenate(column -> {
                    String[] parts = column.split("\\.");
                    return connection.preparedQuery("update " + parts[0] + " set " + parts[1] + " = $2 where "
                            + parts[1] + " = $1").execute(Tuple.of(identityKey, pseudonym));
                })
                .collect().last().replaceWithVoid();
    }

    /** Replaces a profile id by a pseudonym (the profile keeps its place in the stage counts). */
    public Uni<Void> pseudonymizeProfile(SqlConnection connection, String profileId, String pseudonym) {
        return connection.preparedQuery("update profile_stage set profile_id = $2 where profile_id = $1")
                .execute(Tuple.of(profileId, pseudonym)).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The responses a contact can reach, each the first time only. */
    public enum Response {
        DELIVERED("delivered_at"), OPENED("opened_at"), CLICKED("clicked_at"), UNSUBSCRIBED("unsubscribed_at");

        private final String column;

        Response(String column) {
            this.column = column;
        }
    }
}
