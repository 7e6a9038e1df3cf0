package org.lifecycle.segmentation.rfm.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.lifecycle.segmentation.SegmentationSettings;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Derives the RFM thresholds at start and then every {@code lifecycle.segmentation.rfm-refresh}, on a thread of its
 * own: the statistics read every profile, which no event loop should wait for.
 */
@ApplicationScoped
public class RfmRefresher {

    private final RfmThresholdsService service;
    private final SegmentationSettings settings;
    private volatile boolean running;
    private volatile Thread thread;

    public RfmRefresher(RfmThresholdsService service, SegmentationSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().name("rfm-refresh").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                service.refresh().await().atMost(Duration.ofMinutes(10));
            } catch (RuntimeException e) {
                if (running) {
                    Log.warnf("Deriving the RFM thresholds failed, trying again next round: %s", e.getMessage());
                }
            }
            try {
                Thread.sleep(settings.segmentation().rfmRefresh());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
