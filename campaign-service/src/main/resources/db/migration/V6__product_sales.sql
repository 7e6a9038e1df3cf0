-- How many orders included each product, counted from Order Completed events: the store's best sellers as this
-- service sees them, the cross-sell fallback when analytics is unreachable or has published nothing yet.
create table product_sales (
    product_id text   primary key,
    orders     bigint not null
);
