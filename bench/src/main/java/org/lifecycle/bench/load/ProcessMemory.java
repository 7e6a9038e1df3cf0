package org.lifecycle.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resident memory of a process from {@code /proc/<pid>/status}: VmRSS now and VmHWM, the peak; and its CPU time so far
 * from {@code /proc/<pid>/stat}. If the pid is a launcher shell, the first {@code java} process below it is measured
 * instead.
 */
public record ProcessMemory(long pid) {

    public record Sample(long rssKb, long peakKb) {
    }

    public static Optional<ProcessMemory> of(long pid) {
        return ProcessHandle.of(pid).map(handle -> new ProcessMemory(javaProcess(handle).pid()));
    }

    static Optional<Long> readPidFile(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Long.parseLong(Files.readString(file).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ProcessHandle javaProcess(ProcessHandle handle) {
        if (isJava(handle)) {
            return handle;
        }
        return handle.descendants().filter(ProcessMemory::isJava).findFirst().orElse(handle);
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false);
    }

    public Optional<Sample> sample() {
        try {
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                }
            }
            return rss < 0 ? Optional.empty() : Optional.of(new Sample(rss, hwm));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * User plus system CPU time of the process so far, in nanoseconds (clock ticks of 10 ms, the kernel's USER_HZ),
     * or -1 when it cannot be read.
     */
    public long cpuNanos() {
        try {
            return org.lifecycle.bench.segmentation.Stats
                    .cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
