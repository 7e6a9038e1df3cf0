-- Broadcasts run a page of segment members per transaction: the last member done is kept here until the run ends,
-- so a restart goes on where the run stopped and no transaction holds a whole segment.
alter table journey add column broadcast_cursor text;
