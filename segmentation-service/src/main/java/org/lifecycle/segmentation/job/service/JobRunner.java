package org.lifecycle.segmentation.job.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.contracts.transition.StageTransition.Cause;
import org.lifecycle.segmentation.SegmentationSettings;
import org.lifecycle.segmentation.definition.Definitions;
import org.lifecycle.segmentation.job.repository.JobRepository;
import org.lifecycle.segmentation.job.repository.JobRepository.Claimed;
import org.lifecycle.segmentation.profile.service.ProfileService;
import org.lifecycle.segmentation.profile.service.TimeSweeper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Runs jobs on a thread of its own, one at a time per replica. A job is claimed under a lease that every page of
 * progress renews in the page's own transaction, so two replicas never both record progress on one job, and a job
 * left by a replica that stopped is resumed from its cursor by another once the lease runs out.
 *
 * <p>
 * Each page is decided at the service's horizon ({@link TimeSweeper#horizon()}), not the raw clock, and under the
 * definitions read again just before it: a job another replica started runs under that replica's new definitions.
 * Whatever the job's kind, a stage it changes changed because definitions did, so the transition's cause is
 * {@code model}; time-driven changes due on the way keep the cause {@code time}.
 */
@ApplicationScoped
public class JobRunner {

    /** Attempts at one page before the job is marked failed: a database restart should not fail a job. */
    private static final int ATTEMPTS = 3;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    private final JobRepository jobs;
    private final ProfileService profiles;
    private final TimeSweeper sweeper;
    private final Definitions definitions;
    private final SegmentationSettings settings;
    private final Counter reevaluated;
    private final String owner;
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    private volatile Thread thread;

    public JobRunner(JobRepository jobs, ProfileService profiles, TimeSweeper sweeper, Definitions definitions,
            SegmentationSettings settings, MeterRegistry registry) {
        this.jobs = jobs;
        this.profiles = profiles;
        this.sweeper = sweeper;
        this.definitions = definitions;
        this.settings = settings;
        this.reevaluated = Counter.builder("lifecycle_segmentation_job_profiles").register(registry);
        this.owner = hostName() + "/" + UUID.randomUUID();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().name("job-runner").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(Duration.ofSeconds(10));
            jobs.release(owner).await().atMost(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Log.warnf("Could not hand over the running job, another replica resumes it when its lease ends: %s",
                    e.getMessage());
        }
    }

    /** A job was started in this process: look now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                Optional<Claimed> job = jobs.claim(owner, settings.segmentation().jobLease()).await()
                        .atMost(STEP_TIMEOUT);
                if (job.isPresent()) {
                    runJob(job.get());
                    continue;
                }
            } catch (RuntimeException e) {
                if (running) {
                    Log.warnf("Looking for a job failed, looking again shortly: %s", e.getMessage());
                }
            }
            if (!awaitWork()) {
                return;
            }
        }
    }

    /** Waits for a wake-up or the poll interval; false when interrupted (shutting down). */
    private boolean awaitWork() {
        synchronized (signal) {
            try {
                if (!signalled) {
                    signal.wait(settings.segmentation().jobPollInterval().toMillis());
                }
                signalled = false;
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        }
    }

    private void runJob(Claimed job) {
        Log.infof("Running job %s (%s, %s)%s", job.id(), job.kind().wireName(), job.subject(),
                job.cursor() == null ? "" : " from profile " + job.cursor());
        UUID cursor = job.cursor();
        int failures = 0;
        while (running) {
            try {
                UUID last = page(job, cursor);
                if (last == null) {
                    if (jobs.succeed(job.id(), owner).await().atMost(STEP_TIMEOUT)) {
                        Log.infof("Job %s succeeded", job.id());
                    }
                    return;
                }
                cursor = last;
                failures = 0;
            } catch (JobLost e) {
                Log.infof("Job %s is no longer run here: superseded, or resumed by another replica", job.id());
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (++failures >= ATTEMPTS) {
                    Log.errorf(e, "Job %s failed", job.id());
                    jobs.fail(job.id(), owner, String.valueOf(e.getMessage())).await().atMost(STEP_TIMEOUT);
                    return;
                }
                Log.warnf("Job %s: a page failed (attempt %d of %d), trying again: %s", job.id(), failures,
                        ATTEMPTS, e.getMessage());
                if (!pause(Duration.ofSeconds(failures))) {
                    return;
                }
            }
        }
    }

    /** Decides the next page again and records it on the job, in one transaction; the page's last id, or null. */
    private UUID page(Claimed job, UUID cursor) {
        definitions.reload().await().atMost(STEP_TIMEOUT);
        Instant horizon = sweeper.horizon().await().atMost(STEP_TIMEOUT);
        var s = settings.segmentation();
        AtomicInteger pageSize = new AtomicInteger();
        UUID last = profiles.reevaluatePage(cursor, s.jobBatch(), horizon, Cause.model(null),
                (connection, lastId, size) -> jobs.advance(connection, job.id(), owner, lastId, size, s.jobLease())
                        .chain(ours -> ours
                                ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(new JobLost()))
                        .invoke(() -> pageSize.set(size)))
                .await().atMost(STEP_TIMEOUT);
        reevaluated.increment(pageSize.get());
        return last;
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica";
        }
    }

    /** The job was superseded or taken over by another replica: the page is rolled back and the job left to it. */
    private static final class JobLost extends RuntimeException {

        JobLost() {
            super("The job is no longer this replica's to run", null, false, false);
        }
    }
}
