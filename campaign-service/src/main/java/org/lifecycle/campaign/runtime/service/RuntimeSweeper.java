package org.lifecycle.campaign.runtime.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The runtime's background loops: {@code lifecycle.runtime.timer-threads} threads fire due timers, a batch after
 * another while full batches are due, and one thread runs due broadcasts, dispatches due messages and fails messages
 * left interrupted; each waits for the sweep interval (or, the dispatcher, a wake-up) when it finds nothing. Each step
 * claims its work with {@code FOR UPDATE SKIP LOCKED}, so every thread of every replica may run them; timers do not
 * wait behind slow channels.
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
    private final List<Thread> timerThreads = new ArrayList<>();

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
        for (int i = 0; i < Math.max(1, settings.timerThreads()); i++) {
            timerThreads.add(Thread.ofPlatform().name("journey-timers-" + i).daemon().start(this::timerLoop));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        signals.messagesQueued();
        List<Thread> all = new ArrayList<>(timerThreads);
        if (thread != null) {
            all.add(thread);
        }
        for (Thread t : all) {
            try {
                t.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void timerLoop() {
        while (running) {
            try {
                if (runtime.fireDueTimers() < settings.stepBatchSize()) {
                    Thread.sleep(settings.sweepInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.warnf(e, "Timer sweep failed, retrying");
                try {
                    Thread.sleep(settings.sweepInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void loop() {
        long lastInterruptedCheck = 0;
        while (running) {
            try {
                boolean busy = sweepOnce(false);
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
        return sweepOnce(true);
    }

    private boolean sweepOnce(boolean timersToo) {
        int timers = timersToo ? runtime.fireDueTimers() : 0;
        int broadcasts = runtime.runDueBroadcasts();
        int messages = dispatcher.dispatchDue();
        return timers >= settings.stepBatchSize() || broadcasts > 0 || messages >= settings.batchSize();
    }
}
