-- Idempotency: each consumer records the id of every event it applied in the same transaction as
-- the change (INSERT ... ON CONFLICT DO NOTHING), so a redelivered event changes nothing twice.
create table processed_event (
    event_id     text primary key,
    processed_at timestamptz not null default now()
);
