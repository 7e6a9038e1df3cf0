package org.lifecycle.campaign.runtime.service;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes the sweeper when a transaction queued messages, so they go out at once rather than at its next poll.
 */
@ApplicationScoped
public class RuntimeSignals {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean signalled;

    public void messagesQueued() {
        lock.lock();
        try {
            signalled = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout}, or until signalled since the last wait. */
    void await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (!signalled) {
                work.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }
}
