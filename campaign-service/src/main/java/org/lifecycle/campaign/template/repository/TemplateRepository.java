package org.lifecycle.campaign.template.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.template.service.MessageTemplate;
import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.dispatch.Channel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Templates: {@code message_template} holds each key's channel, latest version and whether it was deleted;
 * {@code message_template_version} every version ever saved, unchanged, so a message can always be traced to what it
 * was rendered from.
 */
@ApplicationScoped
public class TemplateRepository {

    private static final String SELECT = """
            select v.key, v.version, v.channel, v.subject, v.preheader, v.html, v.text_part, v.body, v.payload,
                   v.created_at
            from message_template t join message_template_version v on v.key = t.key""";

    private final Pool pool;

    public TemplateRepository(Pool pool) {
        this.pool = pool;
    }

    /** The latest version of every template that is not deleted, by key. */
    public Uni<List<MessageTemplate>> listCurrent() {
        return pool.query(SELECT + " and v.version = t.latest_version where t.deleted_at is null order by t.key")
                .execute().map(TemplateRepository::templates);
    }

    public Uni<Optional<MessageTemplate>> current(String key) {
        return pool
                .preparedQuery(SELECT + " and v.version = t.latest_version where t.key = $1 and t.deleted_at is null")
                .execute(Tuple.of(key)).map(rows -> templates(rows).stream().findFirst());
    }

    public Uni<Optional<MessageTemplate>> version(String key, int version) {
        return pool.preparedQuery(SELECT + " and v.version = $2 where t.key = $1 and t.deleted_at is null")
                .execute(Tuple.of(key, version)).map(rows -> templates(rows).stream().findFirst());
    }

    /** Every version of a template, newest first; empty for an unknown or deleted key. */
    public Uni<List<MessageTemplate>> versions(String key) {
        return pool.preparedQuery(SELECT + " where t.key = $1 and t.deleted_at is null order by v.version desc")
                .execute(Tuple.of(key)).map(TemplateRepository::templates);
    }

    /**
     * Claims a key for a new template: version 1 of a new key, or the next version of a deleted one (its history
     * stays). Empty when a template with the key exists.
     */
    public Uni<Optional<Integer>> claim(SqlClient tx, String key, Channel channel) {
        return tx.preparedQuery("""
                insert into message_template (key, channel, latest_version) values ($1, $2, 1)
                on conflict (key) do update
                    set channel = excluded.channel, latest_version = message_template.latest_version + 1,
                        deleted_at = null, updated_at = now()
                    where message_template.deleted_at is not null
                returning latest_version""")
                .execute(Tuple.of(key, channel.wireName()))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getInteger(0)));
    }

    /** Claims a key only when it never existed: how default templates are stored without reviving deleted ones. */
    public Uni<Boolean> claimNew(SqlClient tx, String key, Channel channel) {
        return tx.preparedQuery("""
                insert into message_template (key, channel, latest_version) values ($1, $2, 1)
                on conflict (key) do nothing""")
                .execute(Tuple.of(key, channel.wireName())).map(rows -> rows.rowCount() == 1);
    }

    /** The channel of a template that is not deleted, locked for an update; empty when there is none. */
    public Uni<Optional<Channel>> lockForUpdate(SqlClient tx, String key) {
        return tx.preparedQuery("select channel from message_template where key = $1 and deleted_at is null for update")
                .execute(Tuple.of(key))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(channel(rows.iterator().next().getString(0))));
    }

    /** Moves a locked template to its next version number and returns it. */
    public Uni<Integer> nextVersion(SqlClient tx, String key) {
        return tx.preparedQuery("""
                update message_template set latest_version = latest_version + 1, updated_at = now()
                where key = $1 returning latest_version""")
                .execute(Tuple.of(key)).map(rows -> rows.iterator().next().getInteger(0));
    }

    public Uni<MessageTemplate> insertVersion(SqlClient tx, MessageTemplate template) {
        return tx.preparedQuery("""
                insert into message_template_version
                    (key, version, channel, subject, preheader, html, text_part, body, payload)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                returning key, version, channel, subject, preheader, html, text_part, body, payload, created_at""")
                .execute(Tuple.from(new Object[]{template.key(), template.version(), template.channel().wireName(),
                        template.subject(), template.preheader(), template.html(), template.text(), template.body(),
                        template.payload()}))
                .map(rows -> templates(rows).getFirst());
    }

    /** Marks a template deleted; its versions stay for the messages rendered from them. */
    public Uni<Boolean> delete(String key) {
        return pool.preparedQuery("""
                update message_template set deleted_at = now(), updated_at = now()
                where key = $1 and deleted_at is null""")
                .execute(Tuple.of(key)).map(rows -> rows.rowCount() == 1);
    }

    private static List<MessageTemplate> templates(RowSet<Row> rows) {
        List<MessageTemplate> out = new ArrayList<>();
        for (Row row : rows) {
            OffsetDateTime created = row.getOffsetDateTime("created_at");
            out.add(new MessageTemplate(row.getString("key"), row.getInteger("version"),
                    channel(row.getString("channel")), row.getString("subject"), row.getString("preheader"),
                    row.getString("html"), row.getString("text_part"), row.getString("body"),
                    row.getString("payload"), created == null ? null : created.toInstant()));
        }
        return out;
    }

    private static Channel channel(String wireName) {
        return LifecycleJson.mapper().convertValue(wireName, Channel.class);
    }
}
