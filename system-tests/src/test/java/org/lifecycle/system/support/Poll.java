package org.lifecycle.system.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waiting for a system that settles on its own time: asks again until the answer satisfies a condition, and on
 * timeout fails with the last answer (or the last error), which usually says what was still missing.
 */
public final class Poll {

    private Poll() {
    }

    /** Asks {@code probe} every {@code every} until {@code done} holds; returns that answer. */
    public static <T> T until(String what, Duration timeout, Duration every, Callable<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = "no answer yet";
        while (true) {
            try {
                T answer = probe.call();
                if (done.test(answer)) {
                    return answer;
                }
                last = answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }
}
