package org.lifecycle.campaign.channel;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.lifecycle.campaign.delivery.DeliveryOutcome;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * One outside endpoint behind its {@link Resilience}: each attempt is timed out and passes the endpoint's circuit
 * breaker; a failed attempt is retried with backoff until the retries run out or the breaker opens. An attempt that
 * yields an outcome (sent, or rejected for good) ends the call; only a failure (a timeout, an I/O error, a transient
 * refusal) is retried and counts against the breaker, so a message the endpoint refuses on its merits neither repeats
 * nor makes a healthy endpoint look broken.
 */
final class GuardedEndpoint {

    private final String name;
    private final Resilience resilience;
    private final TypedGuard<Uni<DeliveryOutcome>> breaker;

    GuardedEndpoint(String name, Resilience resilience) {
        this.name = name;
        this.resilience = resilience;
        this.breaker = TypedGuard.create(new TypeLiteral<Uni<DeliveryOutcome>>() {
        })
                .withDescription(name)
                .withCircuitBreaker()
                .requestVolumeThreshold(resilience.breakerWindow())
                .failureRatio(resilience.breakerFailureRatio())
                .delay(resilience.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .onStateChange(state -> logState(name, state))
                .done()
                .withThreadOffload(false)
                .build();
    }

    /**
     * Calls the endpoint; never fails: when the attempts are spent, time out or the breaker is open, the outcome is
     * {@link DeliveryOutcome.Result#FAILED} with the last reason.
     */
    Uni<DeliveryOutcome> call(Supplier<Uni<DeliveryOutcome>> attempt) {
        Uni<DeliveryOutcome> once = Uni.createFrom().deferred(() -> breaker.get(() -> attempt.get()
                .ifNoItem().after(resilience.timeout())
                .failWith(() -> new TimeoutException("no answer within " + resilience.timeout().toMillis() + " ms"))));
        Uni<DeliveryOutcome> retried = resilience.retries() == 0
                ? once
                : once.onFailure(failure -> !(failure instanceof CircuitBreakerOpenException))
                        .retry()
                        .withBackOff(resilience.initialBackoff(), resilience.maxBackoff())
                        .atMost(resilience.retries());
        return retried.onFailure().recoverWithItem(this::failed);
    }

    private DeliveryOutcome failed(Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return DeliveryOutcome.failed("circuit breaker open for " + name);
        }
        String reason = failure instanceof TransientRefusal refusal
                ? refusal.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Log.debugf("Delivery to %s failed after %d retries: %s", name, resilience.retries(), reason);
        return DeliveryOutcome.failed(reason);
    }

    private static void logState(String name, CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            Log.warnf("Circuit breaker for %s opened: calls fail at once until it tries again", name);
        } else {
            Log.infof("Circuit breaker for %s is %s", name, state);
        }
    }

    /** The endpoint refused for now (a 5xx, 408 or 429, an SMTP 4xx): worth another attempt. */
    static final class TransientRefusal extends RuntimeException {

        TransientRefusal(String status) {
            super(status, null, false, false);
        }
    }
}
