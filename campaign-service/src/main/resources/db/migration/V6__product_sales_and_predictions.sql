-- How many orders included each product, counted from Order Completed events: the store's best sellers as this
-- service sees them, the cross-sell fallback when analytics is unreachable or has published nothing yet.
create table product_sales (
    product_id text   primary key,
    orders     bigint not null
);

-- The moment of the prediction (lifecycle.predictions) the contact's predicted_clv and probability_alive attributes
-- come from: an older prediction arriving later changes nothing.
alter table contact add column predicted_at timestamptz;

-- The customer's support tickets still open (Ticket Created without a later Ticket Solved on lifecycle.events):
-- promotional messages are suppressed while there is one.
alter table contact add column open_tickets text[] not null default '{}';
