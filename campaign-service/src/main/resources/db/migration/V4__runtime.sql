-- The journey runtime: contacts projected from the topics, journeys and their versions, enrollments with their one
-- pending timer, the send ledger, step counters, and the service's outbox (formerly the tracking outbox alone).

-- One row per customer, projected from lifecycle.events (traits, addresses, time zone, consent, orders, engagement),
-- lifecycle.transitions (stage) and lifecycle.memberships (segments). consent, suppressions: {"email": true, ...}.
create table contact (
    customer_key    text        primary key,
    profile_id      text,
    traits          jsonb       not null default '{}',
    email           text,
    phone           text,
    time_zone       text,
    stage           text,
    segments        text[]      not null default '{}',
    consent         jsonb       not null default '{}',
    attributes      jsonb       not null default '{}',
    orders          int         not null default 0,
    revenue         numeric     not null default 0,
    suppressions    jsonb       not null default '{}',
    sunset_channels text[]      not null default '{}',
    updated_at      timestamptz not null default now()
);
create index contact_segments on contact using gin (segments);

-- Erased customers, by the SHA-256 of their key only: no personal data is kept, and a late or replayed record about
-- an erased customer recreates nothing and sends nothing.
create table erased_customer (
    key_hash  bytea       primary key,
    erased_at timestamptz not null
);

-- Journeys: status draft, active, paused or archived; new entries take the latest version.
create table journey (
    key               text        primary key,
    status            text        not null check (status in ('draft', 'active', 'paused', 'archived')),
    latest_version    int         not null,
    next_broadcast_at timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index journey_broadcast_due on journey (next_broadcast_at) where next_broadcast_at is not null;

create table journey_version (
    key        text        not null references journey (key),
    version    int         not null,
    definition jsonb       not null,
    created_at timestamptz not null default now(),
    primary key (key, version)
);

-- One row per enrollment, keyed by the name-based id of journey, customer and trigger: a redelivered trigger yields
-- the same id and enrolls nobody twice. wake_at is the one pending timer, claimed by the sweep when due.
create table enrollment (
    enrollment_id      text        primary key,
    journey_key        text        not null,
    journey_version    int         not null,
    customer_key       text        not null,
    grp                text        not null,
    status             text        not null,
    waiting            jsonb,
    variants           jsonb       not null default '{}',
    trigger_id         text        not null,
    trigger_properties jsonb       not null default '{}',
    entered_at         timestamptz not null,
    goal_deadline      timestamptz,
    exited_at          timestamptz,
    exit_reason        text,
    wake_at            timestamptz,
    updated_at         timestamptz not null default now()
);
-- A customer is in a journey at most once at a time, whatever two replicas decide concurrently.
create unique index enrollment_one_active on enrollment (journey_key, customer_key) where status <> 'exited';
create index enrollment_customer on enrollment (customer_key, journey_key);
create index enrollment_due on enrollment (wake_at) where wake_at is not null;

-- The send ledger: one row per message, unique per (journey version, step, customer, enrollment). A message is
-- queued (or held until due_at) until the dispatcher claims it; it is marked 'sending' and committed before the
-- channel is called, so no replica, restart or replay can hand it to a channel a second time.
create table send_ledger (
    message_id          text        primary key,
    journey_key         text        not null,
    journey_version     int         not null,
    step_id             text        not null,
    customer_key        text        not null,
    enrollment_id       text        not null,
    channel             text        not null,
    template            text        not null,
    priority            int         not null,
    variant             text,
    offer               jsonb,
    recommendations     jsonb       not null default '[]',
    trigger_properties  jsonb       not null default '{}',
    status              text        not null check (status in ('queued', 'held', 'sending', 'sent', 'delivered',
                                                               'bounced', 'failed', 'suppressed')),
    reason              text,
    due_at              timestamptz not null,
    queued_at           timestamptz not null,
    sent_at             timestamptz,
    provider_message_id text,
    updated_at          timestamptz not null default now(),
    constraint send_ledger_send_key unique (journey_key, journey_version, step_id, customer_key, enrollment_id)
);
create index send_ledger_due on send_ledger (due_at) where status in ('queued', 'held');
create index send_ledger_customer on send_ledger (customer_key, channel, sent_at);
create index send_ledger_sending on send_ledger (updated_at) where status = 'sending';

-- Counters per journey version and step (step_id '' for the journey as a whole): no customer data, so they survive
-- erasure. Metrics: entered, exited, sent, held_out, converted, exited:<reason>.
create table journey_counter (
    journey_key     text   not null,
    journey_version int    not null,
    step_id         text   not null,
    metric          text   not null,
    n               bigint not null,
    primary key (journey_key, journey_version, step_id, metric)
);

-- The outbox now carries the dispatch records too, so it is the service's, not tracking's.
alter table tracking_outbox rename to outbox;
