-- A customer's profile: the facts document (ProfileState as JSON) and, beside it, what was decided from the facts,
-- in columns so the lifecycle map, segment listings and the time sweeper read them through indexes.
create table profile (
    id               uuid primary key,
    identity_key     text        not null,
    user_id          text,
    email            text,
    state            jsonb       not null,
    stage            text,
    stage_since      timestamptz,
    previous_stage   text,
    rfm_group        text,
    model_version    int,
    segments         text[]      not null default '{}',
    -- the next moment at which time alone could change the stage, the RFM group or a segment
    next_change_at   timestamptz,
    last_event_at    timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index profile_due on profile (next_change_at) where next_change_at is not null;
create index profile_stage on profile (stage, id);
create index profile_rfm on profile (rfm_group, id);
create index profile_segments on profile using gin (segments);
create index profile_email on profile (lower(email));
create index profile_user on profile (user_id);

-- The identity graph: every user id, anonymous id and email a profile answers to.
create table identity (
    kind        text not null check (kind in ('user', 'anonymous')),
    value       text not null,
    profile_id  uuid not null references profile (id) on delete cascade,
    primary key (kind, value)
);
create index identity_profile on identity (profile_id);

-- The transition ledger: every stage change, by event time, with its cause and the model version that decided.
create table transition (
    id              uuid primary key,
    profile_id      uuid        not null references profile (id) on delete cascade,
    from_stage      text,
    to_stage        text        not null,
    at              timestamptz not null,
    cause_kind      text        not null,
    cause_event_id  text,
    rule            text,
    model_version   int         not null,
    reactivation    boolean     not null default false,
    recorded_at     timestamptz not null default now()
);
create index transition_profile on transition (profile_id, at, recorded_at);
create index transition_at on transition (at);

-- Segment entries and exits, by event time, so membership as of a date can be answered.
create table membership_change (
    id           uuid primary key,
    profile_id   uuid        not null references profile (id) on delete cascade,
    segment_key  text        not null,
    entered      boolean     not null,
    at           timestamptz not null,
    reason       text        not null,
    recorded_at  timestamptz not null default now()
);
create index membership_change_profile on membership_change (profile_id, at);
create index membership_change_segment on membership_change (segment_key, at);

-- Marketer-defined segments; built-in ones (stage, RFM, behaviour) are not stored.
create table segment (
    key          text primary key,
    id           uuid        not null unique,
    name         text        not null,
    description  text,
    definition   jsonb       not null,
    version      int         not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

-- Stage model versions: version 1 is the default model; a company's own models follow. One is active.
create table stage_model (
    version      int primary key,
    definition   jsonb,
    active       boolean     not null default false,
    created_at   timestamptz not null default now()
);
create unique index stage_model_one_active on stage_model (active) where active;
insert into stage_model (version, definition, active) values (1, null, true);

-- Work over every profile (a new segment's backfill, re-evaluation under a new stage model), with its progress.
create table job (
    id           uuid primary key,
    kind         text        not null,
    subject      text        not null,
    status       text        not null,
    total        bigint      not null default 0,
    done         bigint      not null default 0,
    cursor_id    uuid,
    error        text,
    created_at   timestamptz not null default now(),
    finished_at  timestamptz
);

-- How far each partition of lifecycle.events has been applied, by event time: the sweeper never runs time ahead
-- of events still waiting to be applied.
create table stream_watermark (
    partition    int primary key,
    event_time   timestamptz not null,
    applied_at   timestamptz not null
);

-- The RFM thresholds in force, derived from the store's own orders.
create table rfm_thresholds (
    id           int primary key check (id = 1),
    thresholds   jsonb       not null,
    derived_at   timestamptz not null
);

-- Records to publish, written in the transaction of the change they announce and relayed to Kafka in id order.
create table outbox (
    id            bigserial primary key,
    topic         text        not null,
    key           text        not null,
    payload       text        not null,
    headers       jsonb,
    created_at    timestamptz not null default now()
);
