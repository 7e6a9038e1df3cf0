package org.lifecycle.segmentation.job.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.segmentation.job.service.Job;
import org.lifecycle.segmentation.job.service.JobKind;
import org.lifecycle.segmentation.job.service.JobStatus;
import org.lifecycle.segmentation.profile.repository.ProfileRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The job table. Leases are kept on the database's clock, which every replica shares, not on the service's clock
 * (which tests move and demos start in the past).
 */
@ApplicationScoped
public class JobRepository {

    private static final String COLUMNS = """
            id, kind, subject, status, total, done, error, created_at, started_at, finished_at""";

    private final Pool pool;

    public JobRepository(Pool pool) {
        this.pool = pool;
    }

    /** A job a replica has claimed: where to resume. */
    public record Claimed(UUID id, JobKind kind, String subject, UUID cursor) {
    }

    /**
     * Starts a job in the caller's transaction, superseding the unfinished jobs over the same subject: the new one
     * goes over every profile under the newer definitions, which is all the older ones would have achieved.
     */
    public Uni<Job> start(SqlClient client, JobKind kind, String subject) {
        return client.preparedQuery("""
                update job set status = 'superseded', finished_at = now(), lease_owner = null, lease_until = null
                where subject = $1 and status in ('pending', 'running')""")
                .execute(Tuple.of(subject))
                .chain(() -> client.preparedQuery("insert into job (id, kind, subject, status, total) "
                        + "values ($1, $2, $3, 'pending', (select count(*) from profile)) returning " + COLUMNS)
                        .execute(Tuple.of(UUID.randomUUID(), kind.wireName(), subject)))
                .map(rows -> job(rows.iterator().next()));
    }

    /**
     * Claims the oldest job that is waiting or whose lease ran out, skipping those another replica is claiming at
     * this moment.
     */
    public Uni<Optional<Claimed>> claim(String owner, Duration lease) {
        return pool.preparedQuery("""
                update job set status = 'running', lease_owner = $1,
                    lease_until = now() + $2 * interval '1 millisecond', started_at = coalesce(started_at, now())
                where id = (select id from job
                            where status = 'pending' or (status = 'running' and lease_until < now())
                            order by created_at, id limit 1 for update skip locked)
                returning id, kind, subject, cursor_id""")
                .execute(Tuple.of(owner, lease.toMillis()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Claimed(row.getUUID(0), JobKind.of(row.getString(1)), row.getString(2),
                            row.getUUID(3)));
                });
    }

    /**
     * Records a page of progress and renews the lease, in the page's transaction.
     *
     * @return false when the job is no longer this owner's to run (superseded, or its lease ran out and another
     *         replica took it over)
     */
    public Uni<Boolean> advance(SqlClient client, UUID id, String owner, UUID cursor, int size, Duration lease) {
        return client.preparedQuery("""
                update job set done = done + $4, cursor_id = $3, lease_until = now() + $5 * interval '1 millisecond'
                where id = $1 and lease_owner = $2 and status = 'running'""")
                .execute(Tuple.of(id, owner, cursor, size, lease.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Marks a job succeeded; false when it was no longer this owner's. */
    public Uni<Boolean> succeed(UUID id, String owner) {
        return pool.preparedQuery("""
                update job set status = 'succeeded', total = done, finished_at = now(), lease_owner = null,
                    lease_until = null
                where id = $1 and lease_owner = $2 and status = 'running'""")
                .execute(Tuple.of(id, owner))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> fail(UUID id, String owner, String error) {
        return pool.preparedQuery("""
                update job set status = 'failed', error = $3, finished_at = now(), lease_owner = null,
                    lease_until = null
                where id = $1 and lease_owner = $2 and status = 'running'""")
                .execute(Tuple.of(id, owner, error))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Lets another replica resume this owner's running jobs at once instead of after the lease. */
    public Uni<Void> release(String owner) {
        return pool.preparedQuery("""
                update job set lease_until = now() where lease_owner = $1 and status = 'running'""")
                .execute(Tuple.of(owner))
                .replaceWithVoid();
    }

    public Uni<Optional<Job>> find(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from job where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next())));
    }

    /** The newest jobs first. */
    public Uni<List<Job>> newest(int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from job order by created_at desc, id limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Job> out = new ArrayList<>(rows.size());
                    rows.forEach(row -> out.add(job(row)));
                    return out;
                });
    }

    private static Job job(Row row) {
        JobStatus status = JobStatus.of(row.getString(3));
        long total = row.getLong(4);
        long done = row.getLong(5);
        return new Job(row.getUUID(0), JobKind.of(row.getString(1)), row.getString(2), status, total, done,
                Job.percent(status, total, done), row.getString(6), ProfileRepository.instant(row.getOffsetDateTime(7)),
                ProfileRepository.instant(row.getOffsetDateTime(8)),
                ProfileRepository.instant(row.getOffsetDateTime(9)));
    }
}
