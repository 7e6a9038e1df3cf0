-- Scoring plans, every version kept: a change is a new version, a deletion a version without a definition. The plan
-- in force under a key is its latest version, when that has a definition.
create table scoring_plan (
    key         text        not null,
    version     int         not null,
    definition  jsonb,
    created_at  timestamptz not null default now(),
    primary key (key, version)
);
