-- Cross-sell pairs are counted once per unordered pair (product_id < other_id) instead of in both directions: half the
-- rows and half the upserts per order. The rows kept hold the same counts as the ones removed (both directions were
-- always added together). Rules read a pair from either side, hence the index on other_id.
delete from product_pair where product_id > other_id;
create index product_pair_other on product_pair (other_id);
