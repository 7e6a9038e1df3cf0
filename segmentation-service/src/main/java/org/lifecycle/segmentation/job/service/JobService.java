package org.lifecycle.segmentation.job.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.segmentation.job.repository.JobRepository;
import org.lifecycle.segmentation.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Starts jobs in the transactions of the changes that need them, and reports on them. */
@ApplicationScoped
public class JobService {

    private final JobRepository repository;
    private final JobRunner runner;

    public JobService(JobRepository repository, JobRunner runner) {
        this.repository = repository;
        this.runner = runner;
    }

    /**
     * Starts a job through {@code client}, the connection of the transaction that changes the definitions, so the
     * change and the work it calls for commit together. Call {@link #wake()} once that transaction committed.
     */
    public Uni<Job> start(SqlClient client, JobKind kind, String subject) {
        return repository.start(client, kind, subject);
    }

    /** Tells this replica's runner that a job is waiting, so it starts without waiting for its next look. */
    public void wake() {
        runner.wake();
    }

    public Uni<Job> find(UUID id) {
        return repository.find(id).map(job -> job.orElseThrow(() -> ProblemException.notFound("No job " + id)));
    }

    public Uni<List<Job>> newest(int limit) {
        return repository.newest(limit);
    }
}
