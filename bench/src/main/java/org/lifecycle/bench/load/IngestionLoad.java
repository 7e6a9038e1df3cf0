package org.lifecycle.bench.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.lifecycle.bench.http.BatchSender;

/**
 * C clients each posting batch bodies back to back (one request in flight per client, no retries) for a warm-up and
 * a measured window. Only requests that start and finish inside the window count: events of 200 answers are
 * "acknowledged"; other statuses and I/O errors are counted apart.
 */
final class IngestionLoad {

    record Result(long ackedEvents, long okRequests, Map<Integer, Long> otherStatuses, long errors,
            LatencyRecorder.Latencies latencies, double seconds, long peakRssKb, long hwmKb) {

        double eventsPerSecond() {
            return ackedEvents / seconds;
        }
    }

    private IngestionLoad() {
    }

    static Result run(BatchSender sender, List<RequestTemplates.Template> templates, int clients, Duration warmup,
            Duration duration, ProcessMemory memory) throws InterruptedException {
        HttpClient client = BatchSender.defaultClient();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        AtomicLong sequence = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<Integer, Long> others = new ConcurrentHashMap<>();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorders.add(recorder);
            int offset = c * templates.size() / clients;
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                int next = offset;
                while (true) {
                    long begin = System.nanoTime();
                    if (begin >= measureTo) {
                        return;
                    }
                    RequestTemplates.Template template = templates.get(next++ % templates.size());
                    byte[] body = template.render(sequence.incrementAndGet());
                    byte[] payload = sender.gzip() ? BatchSender.gzip(body) : body;
                    int status;
                    try {
                        status = client.send(sender.request(payload), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long end = System.nanoTime();
                    if (begin < measureFrom || end > measureTo) {
                        continue;
                    }
                    recorder.record(end - begin);
                    if (status == 200) {
                        ok.incrementAndGet();
                        acked.addAndGet(template.events());
                    } else if (status < 0) {
                        errors.incrementAndGet();
                    } else {
                        others.merge(status, 1L, Long::sum);
                    }
                }
            }));
        }
        long peakRss = 0;
        long hwm = 0;
        while (System.nanoTime() < measureTo) {
            Thread.sleep(500);
            if (memory != null && System.nanoTime() >= measureFrom) {
                var sample = memory.sample();
                if (sample.isPresent()) {
                    peakRss = Math.max(peakRss, sample.get().rssKb());
                    hwm = sample.get().peakKb();
                }
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(acked.get(), ok.get(), new TreeMap<>(others), errors.get(), LatencyRecorder.merge(recorders),
                duration.toNanos() / 1e9, peakRss, hwm);
    }
}
