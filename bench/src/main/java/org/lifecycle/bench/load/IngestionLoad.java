package org.lifecycle.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.lifecycle.bench.http.BatchSender;

/**
 * C clients each posting batch bodies back to back (one request in flight per client, no retries) for a warm-up and
 * a measured window, each over its own {@link KeepAliveHttpClient} connection. Only requests that start and finish
 * inside the window count: events of 200 answers are "acknowledged"; other statuses and I/O errors are counted apart.
 * The load generator's own CPU time over the window is measured too, since it is taken from the machine under test.
 */
final class IngestionLoad {

    record Result(long ackedEvents, long okRequests, Map<Integer, Long> otherStatuses, long errors,
            LatencyRecorder.Latencies latencies, double seconds, long peakRssKb, long hwmKb, long cpuNanos,
            long serviceCpuNanos, long connections, String firstError) {

        double eventsPerSecond() {
            return ackedEvents / seconds;
        }

        /** The load generator's CPU over the window in cores (CPU seconds per second), or -1 if unknown. */
        double cpuCores() {
            return cpuNanos < 0 ? -1 : cpuNanos / 1e9 / seconds;
        }

        /** The service's CPU over the window in cores, or -1 if unknown (no pid). */
        double serviceCpuCores() {
            return serviceCpuNanos < 0 ? -1 : serviceCpuNanos / 1e9 / seconds;
        }

        /** The service's CPU per acknowledged event in microseconds, or -1 if unknown. */
        double serviceCpuMicrosPerEvent() {
            return serviceCpuNanos < 0 || ackedEvents == 0 ? -1 : serviceCpuNanos / 1e3 / ackedEvents;
        }
    }

    private IngestionLoad() {
    }

    static Result run(BatchSender sender, List<RequestTemplates.Template> templates, int clients, Duration warmup,
            Duration duration, ProcessMemory memory) throws InterruptedException {
        int maxBody = templates.stream().mapToInt(t -> t.body().length).max().orElse(0);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        AtomicLong sequence = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong connections = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Map<Integer, Long> others = new ConcurrentHashMap<>();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorders.add(recorder);
            int offset = c * templates.size() / clients;
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                // This thread's copy of the body being sent: the template is copied in and its id slots patched.
                ByteBuffer work = ByteBuffer.allocateDirect(maxBody);
                byte[] digits = new byte[RequestTemplates.SLOT_DIGITS];
                int next = offset;
                try (KeepAliveHttpClient http = new KeepAliveHttpClient(sender.endpoint(), sender.authorization(),
                        sender.gzip())) {
                    try {
                        while (true) {
                            long begin = System.nanoTime();
                            if (begin >= measureTo) {
                                return;
                            }
                            RequestTemplates.Template template = templates.get(next++ % templates.size());
                            template.writeTo(work, sequence.incrementAndGet(), digits);
                            int status;
                            try {
                                status = http.post(work);
                            } catch (IOException e) {
                                status = -1;
                                firstError.compareAndSet(null, e.toString());
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
                    } finally {
                        connections.addAndGet(http.connections());
                    }
                }
            }));
        }
        long peakRss = 0;
        long hwm = 0;
        sleepUntil(measureFrom);
        long cpuFrom = processCpuNanos();
        long serviceCpuFrom = memory == null ? -1 : memory.cpuNanos();
        for (long now = System.nanoTime(); now < measureTo; now = System.nanoTime()) {
            sleepUntil(Math.min(now + 500_000_000L, measureTo));
            if (memory != null) {
                var sample = memory.sample();
                if (sample.isPresent()) {
                    peakRss = Math.max(peakRss, sample.get().rssKb());
                    hwm = sample.get().peakKb();
                }
            }
        }
        long cpuTo = processCpuNanos();
        long serviceCpuTo = memory == null ? -1 : memory.cpuNanos();
        for (Thread t : threads) {
            t.join();
        }
        return new Result(acked.get(), ok.get(), new TreeMap<>(others), errors.get(), LatencyRecorder.merge(recorders),
                duration.toNanos() / 1e9, peakRss, hwm, cpuFrom < 0 || cpuTo < 0 ? -1 : cpuTo - cpuFrom,
                serviceCpuFrom < 0 || serviceCpuTo < 0 ? -1 : serviceCpuTo - serviceCpuFrom, connections.get(),
                firstError.get());
    }

    /** CPU time (user + system, all threads) of this JVM so far, or -1 where the JDK cannot tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
