package org.lifecycle.campaign.runtime.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The runtime's background loop: fires due timers, runs due broadcasts, dispatches due messages and fails messages
 * left interrupted, then waits for the sweep interval or a wake-up. Each step claims its work with
 * {@code FOR UPDATE SKIP LOCKED}, so every replica may run this loop.
 */
@ApplicationScoped
public class RuntimeSweeper {

    private static final Duration INTERRUPTED_CHECK = Duration.ofMinutes(1);

    private final JourneyRuntime runtime;
    private final Dispatcher dispatcher;
    private final RuntimeSignals signals;
    private final RuntimeSettings settings;
    private volatile boolean running;
    private volatile Thread thread;

    public RuntimeSweeper(JourneyRuntime runtime, Dispatcher dispatcher, RuntimeSignals signals,
            RuntimeSettings settings) {
        this.runtime = runtime;
        this.dispatcher = dispatcher;
        this.signals = signals;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.sweeperEnabled()) {
            Log.info("Journey runtime sweeper disabled");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("journey-sweeper").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        signals.messagesQueued();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        long lastInterruptedCheck = 0;
        while (running) {
            try {
                boolean busy = sweepOnce();
                if (System.nanoTime() - lastInterruptedCheck > INTERRUPTED_CHECK.toNanos()) {
                    dispatcher.failInterrupted();
                    lastInterruptedCheck = System.nanoTime();
                }
                if (!busy) {
                    signals.await(settings.sweepInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.warnf(e, "Journey sweep failed, retrying");
                try {
                    Thread.sleep(settings.sweepInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One round of every sweep.
     *
     * @return whether any found a full batch, so more may be due at once
     */
    public boolean sweepOnce() {
        int timers = runtime.fireDueTimers();
        int broadcasts = runtime.runDueBroadcasts();
        int messages = dispatcher.dispatchDue();
        return timers >= settings.batchSize() || broadcasts > 0 || messages >= settings.batchSize();
    }
}
