-- How far each partition of lifecycle.events has been applied, by offset: the time sweeper compares it with the end
-- of the partition, so time runs on the clock only where nothing is left to apply, and elsewhere on the event time
-- of the last event applied (in offset order, not the greatest ever seen). Rows written before this column existed
-- know no offset (0); the consumer group's committed offset stands in for them until their next batch.
alter table stream_watermark add column next_offset bigint not null default 0;
-- A partition whose only records so far went to the dead-letter topic has an offset but no event time.
alter table stream_watermark alter column event_time drop not null;
