-- Ledger order: rows written in one transaction share recorded_at (and often at), so a sequence keeps the order in
-- which they were decided (a segment exit before the entry that replaces it), for listings and "as of" queries.
alter table transition add column seq bigserial;
alter table membership_change add column seq bigserial;

-- Profiles per (stage, RFM group), for the lifecycle map: counting a million rows on every request is too slow,
-- and a single counter row per group would serialise every writer. So every change appends a delta row (never an
-- update, so writers never wait on each other), the sum of the deltas is the count, and the map's compaction folds
-- the rows into one per group from time to time.
create table profile_count (
    stage       text,
    rfm_group   text,
    delta       bigint not null
);

create function profile_count_change() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        insert into profile_count (stage, rfm_group, delta) values (old.stage, old.rfm_group, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into profile_count (stage, rfm_group, delta) values (new.stage, new.rfm_group, 1);
    end if;
    return null;
end
$$;

-- The triggers come before the first count: creating them locks out writers until this migration commits, so no
-- change falls between the count and the triggers.
create trigger profile_count_insert_delete after insert or delete on profile
    for each row execute function profile_count_change();
-- Most updates (a page view, a new trait) change neither column and pay nothing beyond the WHEN test.
create trigger profile_count_update after update of stage, rfm_group on profile
    for each row when (old.stage is distinct from new.stage or old.rfm_group is distinct from new.rfm_group)
    execute function profile_count_change();

insert into profile_count (stage, rfm_group, delta) select stage, rfm_group, count(*) from profile group by 1, 2;
