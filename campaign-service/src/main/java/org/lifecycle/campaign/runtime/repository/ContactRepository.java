package org.lifecycle.campaign.runtime.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.journey.Contact;
import org.lifecycle.campaign.runtime.repository.Db.Tx;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.mutiny.sqlclient.Row;

/**
 * The {@code contact} table: campaign-service's own copy of what journeys and the send policy read of a customer,
 * projected from the topics. Every change goes through the transaction of the record that caused it. An erased
 * customer is known by the hash of their key alone and reads as a deleted contact.
 */
@ApplicationScoped
public class ContactRepository {

    private static final String COLUMNS = """
            customer_key, profile_id, traits::text as traits, email, phone, time_zone, stage, segments,
            consent::text as consent, attributes::text as attributes, orders, revenue, suppressions::text as suppressions,
            sunset_channels, open_tickets""";

    /** The attribute with how many support tickets the customer has open. */
    public static final String OPEN_TICKETS = "open_tickets";

    /** The attribute with the customer's latest NPS answer, 0 to 10. */
    public static final String NPS_SCORE = "nps_score";

    /** The contact, locked for the rest of the transaction; a contact with no facts yet when unknown. */
    public Contact lock(Tx tx, String customerKey) {
        if (erased(tx, customerKey)) {
            return Contact.builder(customerKey).deleted().build();
        }
        ensure(tx, customerKey);
        Iterator<Row> rows = tx.query("select " + COLUMNS + " from contact where customer_key = $1 for update",
                customerKey).iterator();
        return map(rows.next());
    }

    /** The contact as it is now, without locking; empty facts when unknown. */
    public Contact read(Tx tx, String customerKey) {
        if (erased(tx, customerKey)) {
            return Contact.builder(customerKey).deleted().build();
        }
        Iterator<Row> rows = tx.query("select " + COLUMNS + " from contact where customer_key = $1", customerKey)
                .iterator();
        return rows.hasNext() ? map(rows.next()) : Contact.builder(customerKey).build();
    }

    /** Many contacts at once, without locking, by key; empty facts for those unknown. */
    public Map<String, Contact> readAll(Tx tx, Collection<String> customerKeys) {
        String[] keys = customerKeys.stream().distinct().toArray(String[]::new);
        Map<String, Contact> out = new HashMap<>();
        tx.query("select " + COLUMNS + " from contact where customer_key = any($1)", (Object) keys)
                .forEach(row -> out.put(row.getString("customer_key"), map(row)));
        tx.query("""
                select k from unnest($1::text[]) as k
                where exists (select 1 from erased_customer where key_hash = sha256(convert_to(k, 'UTF8')))""",
                (Object) keys).forEach(
                        row -> out.put(row.getString(0), Contact.builder(row.getString(0))
                                .deleted().build()));
        for (String key : keys) {
            out.computeIfAbsent(key, unknown -> Contact.builder(unknown).build());
        }
        return out;
    }

    public boolean erased(Tx tx, String customerKey) {
        return tx.query("select 1 from erased_customer where key_hash = sha256(convert_to($1, 'UTF8'))", customerKey)
                .size() > 0;
    }

    /**
     * The next {@code scan} contacts after {@code after} in key order, and which of them are members of the segment.
     * The scan walks the primary key whatever the planner thinks of the segment's size: a member filter ordered by key
     * would let it read every member through the segments index and sort them for each page (a page per second at a
     * million members, right after a segment grew and before its statistics did), where this reads each contact once
     * over the whole broadcast.
     */
    public SegmentPage membersPage(Tx tx, String segmentKey, String after, int scan) {
        Row row = tx.query("""
                with scanned as (
                    select customer_key, segments from contact where customer_key > $2 order by customer_key limit $3)
                select (select count(*) from scanned) as scanned, (select max(customer_key) from scanned) as last,
                    array(select customer_key from scanned where segments @> array[$1]::text[]
                          order by customer_key) as members""", segmentKey, after, scan).iterator().next();
        String[] members = row.getArrayOfStrings("members");
        return new SegmentPage(members == null ? List.of() : List.of(members), row.getString("last"),
                row.getLong("scanned") < scan);
    }

    /**
     * A page of a segment's members: those among the contacts scanned, the last contact scanned (the cursor to go on
     * from), and whether the scan reached the end of the contacts.
     */
    public record SegmentPage(List<String> members, String lastScanned, boolean end) {
    }

    public void identify(Tx tx, String customerKey, ObjectNode traits, String email, String phone, String timeZone,
            Map<Channel, Boolean> consent) {
        ensure(tx, customerKey);
        ObjectNode consentJson = LifecycleJson.mapper().createObjectNode();
        consent.forEach((channel, given) -> consentJson.put(channel.wireName(), given));
        tx.query("""
                update contact set traits = traits || $2::text::jsonb, email = coalesce($3, email),
                    phone = coalesce($4, phone), time_zone = coalesce($5, time_zone),
                    consent = consent || $6::text::jsonb, updated_at = now()
                where customer_key = $1""", customerKey, traits.toString(), email, phone, timeZone,
                consentJson.toString());
    }

    public void order(Tx tx, String customerKey, BigDecimal value) {
        ensure(tx, customerKey);
        tx.query("update contact set orders = orders + 1, revenue = revenue + $2, updated_at = now() "
                + "where customer_key = $1", customerKey, value);
    }

    public void stage(Tx tx, String customerKey, String profileId, String stage) {
        ensure(tx, customerKey);
        tx.query("update contact set stage = $2, profile_id = coalesce($3, profile_id), updated_at = now() "
                + "where customer_key = $1", customerKey, stage, profileId);
    }

    public void segment(Tx tx, String customerKey, String profileId, String segmentKey, boolean entered) {
        ensure(tx, customerKey);
        tx.query("""
                update contact set segments = case when $3 then array_append(array_remove(segments, $2), $2)
                                                   else array_remove(segments, $2) end,
                    profile_id = coalesce($4, profile_id), updated_at = now()
                where customer_key = $1""", customerKey, segmentKey, entered, profileId);
    }

    public void attribute(Tx tx, String customerKey, String name, BigDecimal value) {
        ensure(tx, customerKey);
        tx.query("update contact set attributes = attributes || jsonb_build_object($2::text, $3::numeric), "
                + "updated_at = now() where customer_key = $1", customerKey, name, value);
    }

    /**
     * Takes a prediction into the contact's {@code predicted_clv} and {@code probability_alive} attributes (a figure the
     * prediction lacks is removed), unless the contact holds a prediction of a later moment already.
     */
    public void prediction(Tx tx, String customerKey, BigDecimal lifetimeValue, BigDecimal probabilityAlive,
            Instant at) {
        ensure(tx, customerKey);
        tx.query("""
                update contact set attributes = (attributes - 'predicted_clv' - 'probability_alive')
                        || jsonb_strip_nulls(jsonb_build_object('predicted_clv', $2::numeric,
                                                                'probability_alive', $3::numeric)),
                    predicted_at = $4, updated_at = now()
                where customer_key = $1 and (predicted_at is null or predicted_at <= $4)""", customerKey,
                lifetimeValue, probabilityAlive, Db.utc(at));
    }

    /** An NPS answer given at {@code at}: it becomes the contact's {@code nps_score} unless a later one is there. */
    public void nps(Tx tx, String customerKey, int score, Instant at) {
        ensure(tx, customerKey);
        tx.query("""
                update contact set attributes = attributes || jsonb_build_object('nps_score', $2::int),
                    nps_at = $3, updated_at = now()
                where customer_key = $1 and (nps_at is null or nps_at <= $3)""", customerKey, score, Db.utc(at));
    }

    /** A support ticket opened, or solved ({@code ticketId} null when solved: all of them). */
    public void ticket(Tx tx, String customerKey, String ticketId, boolean open) {
        ensure(tx, customerKey);
        if (open) {
            tx.query("update contact set open_tickets = array_append(array_remove(open_tickets, $2), $2), "
                    + "updated_at = now() where customer_key = $1", customerKey, ticketId);
        } else if (ticketId == null) {
            tx.query("update contact set open_tickets = '{}', updated_at = now() where customer_key = $1",
                    customerKey);
        } else {
            tx.query("update contact set open_tickets = array_remove(open_tickets, $2), updated_at = now() "
                    + "where customer_key = $1", customerKey, ticketId);
        }
    }

    public void consent(Tx tx, String customerKey, Channel channel, boolean given) {
        ensure(tx, customerKey);
        tx.query("update contact set consent = consent || jsonb_build_object($2::text, $3::boolean), "
                + "updated_at = now() where customer_key = $1", customerKey, channel.wireName(), given);
    }

    public void suppress(Tx tx, String customerKey, Channel channel, String reason) {
        ensure(tx, customerKey);
        tx.query("update contact set suppressions = suppressions || jsonb_build_object($2::text, $3::text), "
                + "updated_at = now() where customer_key = $1", customerKey, channel.wireName(), reason);
    }

    /** Retires ({@code sunset}) or brings back a channel for promotional messages. */
    public void sunset(Tx tx, String customerKey, Channel channel, boolean sunset) {
        ensure(tx, customerKey);
        tx.query(
                """
                        update contact set sunset_channels = case when $3 then array_append(array_remove(sunset_channels, $2), $2)
                                                                  else array_remove(sunset_channels, $2) end,
                            updated_at = now()
                        where customer_key = $1""",
                customerKey, channel.wireName(), sunset);
    }

    /** Erases the contact and remembers only the hash of its key. */
    public void erase(Tx tx, String customerKey, Instant at) {
        tx.query("delete from contact where customer_key = $1", customerKey);
        tx.query("insert into erased_customer (key_hash, erased_at) values (sha256(convert_to($1, 'UTF8')), $2) "
                + "on conflict do nothing", customerKey, Db.utc(at));
    }

    private static void ensure(Tx tx, String customerKey) {
        tx.query("insert into contact (customer_key) values ($1) on conflict do nothing", customerKey);
    }

    private static Contact map(Row row) {
        Contact.Builder builder = Contact.builder(row.getString("customer_key"))
                .traits((ObjectNode) json(row.getString("traits")))
                .email(row.getString("email"))
                .phone(row.getString("phone"))
                .timeZone(row.getString("time_zone"))
                .stage(row.getString("stage"))
                .orders(row.getInteger("orders"), row.getBigDecimal("revenue"));
        for (String segment : row.getArrayOfStrings("segments")) {
            builder.segment(segment);
        }
        json(row.getString("consent")).properties().forEach(entry -> channel(entry.getKey())
                .ifPresent(channel -> builder.consent(channel, entry.getValue().asBoolean())));
        json(row.getString("attributes")).properties().forEach(entry -> {
            if (entry.getValue().isNumber()) {
                builder.attribute(entry.getKey(), entry.getValue().decimalValue());
            }
        });
        json(row.getString("suppressions")).properties().forEach(entry -> channel(entry.getKey())
                .ifPresent(channel -> builder.suppressed(channel, entry.getValue().asText())));
        int openTickets = row.getArrayOfStrings("open_tickets").length;
        if (openTickets > 0) {
            builder.attribute(OPEN_TICKETS, BigDecimal.valueOf(openTickets));
        }
        for (String sunset : row.getArrayOfStrings("sunset_channels")) {
            channel(sunset).ifPresent(builder::sunset);
        }
        return builder.build();
    }

    public static Optional<Channel> channel(String wireName) {
        for (Channel channel : Channel.values()) {
            if (channel.wireName().equals(wireName)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }

    static JsonNode json(String text) {
        try {
            return LifecycleJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON does not parse: " + e.getMessage(), e);
        }
    }
}
