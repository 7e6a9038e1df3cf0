-- Message templates. Each key has a channel and a latest version; every version ever saved is kept unchanged, so a
-- message can be traced to what it was rendered from. A deleted template keeps its versions.
create table message_template (
    key            text        primary key,
    channel        text        not null check (channel in ('email', 'sms', 'push', 'webhook')),
    latest_version int         not null,
    deleted_at     timestamptz,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

create table message_template_version (
    key        text        not null references message_template (key),
    version    int         not null,
    channel    text        not null,
    subject    text,
    preheader  text,
    html       text,
    text_part  text,
    body       text,
    payload    text,
    created_at timestamptz not null default now(),
    primary key (key, version)
);

-- Tracking hits that counted: one row per message, kind (opened, clicked, unsubscribed) and detail (the link for a
-- click, the channel for an unsubscribe). A hit counts, and emits its event, when there is no row yet or the row's
-- counted_at is older than the dedupe window; a double click or a pixel fetched twice counts once.
create table tracking_hit (
    message_id text        not null,
    kind       text        not null,
    detail     text        not null,
    counted_at timestamptz not null,
    primary key (message_id, kind, detail)
);

-- Consent withdrawn through unsubscribe links, written in the transaction that records the Unsubscribed event. The
-- journey runtime reads the latest row per customer and channel into the contact's consent (see README, Tracking).
create table consent_change (
    id           bigserial   primary key,
    customer_key text        not null,
    channel      text        not null,
    consent      boolean     not null,
    message_id   text,
    event_id     text        not null unique,
    changed_at   timestamptz not null,
    recorded_at  timestamptz not null default now()
);
create index consent_change_customer on consent_change (customer_key, channel, changed_at desc);

-- The tracking events (Email Opened, Email Link Clicked, Unsubscribed) waiting for the relay to publish them on
-- lifecycle.events; written in the transaction of the hit, deleted once Kafka acknowledged them.
create table tracking_outbox (
    id         bigserial   primary key,
    topic      text        not null,
    key        text        not null,
    payload    text        not null,
    created_at timestamptz not null default now()
);
