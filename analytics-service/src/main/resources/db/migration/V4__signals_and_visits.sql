-- What customers say (NPS and CSAT answers) and what visitors did on their visits, with the stage and segment history
-- needed to place each answer in the stage and segments the customer was in when they gave it.

-- Each customer's stage from each moment on (event time of the transition), kept from lifecycle.transitions. The stage
-- at time t is the row with the latest at <= t. Delivery order does not matter: a row is placed by its time.
create table stage_history (
    identity_key text        not null,
    at           timestamptz not null,
    stage        text        not null,
    primary key (identity_key, at, stage)
);
insert into stage_history (identity_key, at, stage)
select identity_key, since, stage from profile_stage on conflict do nothing;

-- Every segment entry and exit (event time). A customer is in a segment at time t when their latest change of that
-- segment at or before t is an entry.
create table segment_change (
    identity_key text        not null,
    segment_key  text        not null,
    at           timestamptz not null,
    entered      boolean     not null,
    primary key (identity_key, segment_key, at, entered)
);
insert into segment_change (identity_key, segment_key, at, entered)
select identity_key, segment_key, since, true from segment_member on conflict do nothing;

-- One row per answer that carries a Net Promoter Score or a satisfaction rating (Survey Responded, Satisfaction
-- Rated), keyed by the event id. nps_category is the NPS group of nps_score (or the sender's own category);
-- satisfied is the sender's verdict when it gave one (good / bad), else decided from csat_score at query time.
create table signal_response (
    event_id      text primary key,
    identity_key  text        not null,
    occurred_at   timestamptz not null,
    day           date        not null,
    event         text        not null,
    signal_source text,
    survey_id     text,
    nps_score     smallint,
    nps_category  text check (nps_category in ('promoter', 'passive', 'detractor')),
    csat_score    numeric,
    satisfied     boolean
);
create index signal_response_day on signal_response (day);
create index signal_response_identity on signal_response (identity_key, occurred_at);

-- What a visitor showed on a day: traffic source, device, browser, OS, pages viewed (one row per path with its page
-- views) and survey answers. One row per day, visitor, dimension and value, never one per event.
create table visitor_attribute (
    day         date    not null,
    visitor_key text    not null,
    dimension   text    not null,
    value       text    not null,
    views       integer not null,
    primary key (day, visitor_key, dimension, value)
);
create index visitor_attribute_visitor on visitor_attribute (visitor_key, day);
