-- Predictions (lifecycle.predictions) for an identity key no profile answers to yet, e.g. while events are still
-- being replayed: kept, the latest fit per key, and taken into the profile when an event names that key.
create table pending_prediction (
    customer     text primary key,
    fitted_at    timestamptz not null,
    prediction   text        not null,
    received_at  timestamptz not null default now()
);
