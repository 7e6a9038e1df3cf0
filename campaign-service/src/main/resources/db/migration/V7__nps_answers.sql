-- The moment of the contact's latest NPS answer (its score is the attribute nps_score): an older answer that arrives
-- later changes nothing, so the detractor rule follows the customer's latest word.
alter table contact add column nps_at timestamptz;
