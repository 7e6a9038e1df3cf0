-- Jobs are claimed by one replica at a time under a lease that each page of progress renews: a job whose lease ran
-- out was left by a replica that stopped, and another resumes it from its cursor.
alter table job
    add column started_at  timestamptz,
    add column lease_owner text,
    add column lease_until timestamptz;
create index job_open on job (created_at, id) where status in ('pending', 'running');
create index job_subject on job (subject) where status in ('pending', 'running');
create index job_newest on job (created_at desc, id);

-- Deleted segments keep their id, so the exits announced after a deletion name the segment as its entries did, and a
-- segment created again under the same key is the same segment to campaigns.
create table retired_segment (
    key         text primary key,
    id          uuid        not null unique,
    version     int         not null,
    deleted_at  timestamptz not null default now()
);
