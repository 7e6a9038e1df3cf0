-- Customer value predictions and cross-sell rules.

-- One row per model fit, numbered: the job's status while it runs (progress, heartbeat) and the fit once done.
-- The partial unique index lets only one fit run at a time across every replica; a fit whose heartbeat stops (its
-- replica died) is marked failed by the next replica that wants to run one.
create table prediction_fit (
    id               bigserial primary key,
    status           text        not null check (status in ('running', 'succeeded', 'failed')),
    trigger          text        not null,
    model            text        not null,
    requested_at     timestamptz not null,
    heartbeat_at     timestamptz not null,
    finished_at      timestamptz,
    progress         double precision not null default 0,
    phase            text        not null,
    window_start     date,
    window_end       date,
    orders_seen      bigint      not null,
    purchase_params  jsonb,
    spend_params     jsonb,
    purchase_log_likelihood double precision,
    spend_log_likelihood    double precision,
    purchase_converged      boolean,
    spend_converged         boolean,
    customers        bigint,
    repeat_buyers    bigint,
    published        bigint,
    duration_ms      bigint,
    error            text
);
create unique index prediction_fit_one_running on prediction_fit ((true)) where status = 'running';

-- Each customer's figures from the latest successful fit, and the figures last published for them, so a fit publishes
-- only the customers whose figures changed meaningfully.
create table customer_prediction (
    customer_key             text primary key,
    fit_id                   bigint           not null,
    frequency                integer          not null,
    recency                  double precision not null,
    age                      double precision not null,
    mean_repeat_value        double precision not null,
    probability_alive        double precision not null,
    expected_purchases       double precision not null,
    expected_order_value     double precision,
    predicted_lifetime_value double precision,
    published_alive          double precision,
    published_purchases      double precision,
    published_lifetime_value double precision
);
create index customer_prediction_clv on customer_prediction (predicted_lifetime_value desc nulls last);

-- Transactional outbox: records written in the transaction that decided them, relayed to Kafka in id order and
-- deleted once the broker has acknowledged them.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    record_key  text        not null,
    value       text        not null,
    created_at  timestamptz not null default now()
);

-- Cross-sell: the distinct products of each order, how many orders hold each product and each ordered pair of
-- products (both directions), and how many orders hold any product. Updated in the transaction that inserts the
-- order, so rules are current as soon as the order is applied.
create table order_product (
    order_id   text not null,
    product_id text not null,
    primary key (order_id, product_id)
);
create index order_product_product on order_product (product_id);

create table product_count (
    product_id text primary key,
    orders     bigint not null
);

create table product_pair (
    product_id text   not null,
    other_id   text   not null,
    orders     bigint not null,
    primary key (product_id, other_id)
);

create table basket_total (
    id     integer primary key check (id = 1),
    orders bigint not null
);
insert into basket_total (id, orders) values (1, 0);
