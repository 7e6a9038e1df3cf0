-- Aggregates kept current from the topics. Each consumer applies a record and inserts its id into processed_event in
-- one transaction, so a redelivered record changes nothing. Tables hold one row per day, per customer or per order,
-- never one per event: figures are sums over these rows.

-- One row per completed order: the dedupe key for Order Completed (order_id) and the base of the order figures,
-- cohort months and campaign attribution. revenue is Order.value(); cost is null when the store sent none.
create table customer_order (
    order_id     text primary key,
    customer_key text        not null,
    occurred_at  timestamptz not null,
    day          date        not null,
    revenue      numeric     not null,
    cost         numeric
);
create index customer_order_day on customer_order (day);
create index customer_order_customer on customer_order (customer_key, occurred_at);

-- One row per customer and calendar month with an order: the cohort matrix reads it.
create table customer_month (
    customer_key text    not null,
    month        date    not null,
    orders       integer not null,
    revenue      numeric not null,
    primary key (customer_key, month)
);
create index customer_month_month on customer_month (month);

-- Order Refunded, per day of the refund.
create table daily_refund (
    day     date primary key,
    refunds integer not null,
    amount  numeric not null
);

-- Distinct visitors per day: identity keys with a page or screen event that day.
create table daily_visitor (
    day         date not null,
    visitor_key text not null,
    primary key (day, visitor_key)
);

-- Each profile's current stage, to place a merged profile and to filter by stage.
create table profile_stage (
    profile_id   text primary key,
    identity_key text        not null,
    stage        text        not null,
    since        timestamptz not null
);
create index profile_stage_identity on profile_stage (identity_key);

-- Customers entering (+) and leaving (-) each stage per day; a running sum gives customers per stage per day.
create table stage_delta (
    day   date    not null,
    stage text    not null,
    delta integer not null,
    primary key (day, stage)
);

-- Transitions per day and (from, to); from_stage is '' for a customer's first stage.
create table stage_flow (
    day           date    not null,
    from_stage    text    not null,
    to_stage      text    not null,
    transitions   integer not null,
    reactivations integer not null,
    primary key (day, from_stage, to_stage)
);

-- Current segment members.
create table segment_member (
    segment_key  text        not null,
    identity_key text        not null,
    segment_kind text        not null,
    since        timestamptz not null,
    primary key (segment_key, identity_key)
);
create index segment_member_identity on segment_member (identity_key);

-- One row per customer reached by a journey step: when it was first sent, delivered, opened, clicked or led to an
-- unsubscribe; the variant sent; the customer's stage and segments when it was first sent.
create table campaign_contact (
    journey_id      text     not null,
    step_id         text     not null,
    identity_key    text     not null,
    journey_version integer,
    variant         text     not null default '',
    channel         text,
    stage           text,
    segments        text[]   not null default '{}',
    sends           integer  not null default 0,
    first_sent_at   timestamptz,
    delivered_at    timestamptz,
    opened_at       timestamptz,
    clicked_at      timestamptz,
    unsubscribed_at timestamptz,
    primary key (journey_id, step_id, identity_key)
);
create index campaign_contact_sent on campaign_contact (first_sent_at);

-- Customers of a journey's holdout or of the global control group: tracked, never sent anything.
create table campaign_holdout (
    journey_id   text        not null,
    identity_key text        not null,
    held_at      timestamptz not null,
    stage        text,
    segments     text[]      not null default '{}',
    primary key (journey_id, identity_key)
);
