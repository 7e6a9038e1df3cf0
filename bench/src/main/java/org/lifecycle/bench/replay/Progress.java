package org.lifecycle.bench.replay;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on stderr: percent, events sent, events/s and ETA. Redrawn in place several times a second on a
 * terminal, one plain line every five seconds otherwise (logs, CI).
 */
public final class Progress implements AutoCloseable {

    public enum Mode {
        OFF, TERMINAL, LINES
    }

    private final long total;
    private final Mode mode;
    private final PrintStream out;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final Thread painter;
    private volatile boolean closed;

    public Progress(long total, Mode mode, PrintStream out) {
        this.total = total;
        this.mode = mode;
        this.out = out;
        if (mode == Mode.OFF) {
            painter = null;
        } else {
            long periodMillis = mode == Mode.TERMINAL ? 250 : 5000;
            painter = Thread.ofPlatform().daemon().name("progress").start(() -> {
                while (!closed) {
                    try {
                        Thread.sleep(periodMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!closed) {
                        paint();
                    }
                }
            });
        }
    }

    public void advance(long events) {
        done.addAndGet(events);
    }

    /** The current state as one line, e.g. {@code [#####     ]  52%  13,812/26,562 events  2,310 ev/s  ETA 6s}. */
    String render() {
        long sent = done.get();
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = sent / seconds;
        double fraction = total == 0 ? 1 : Math.min(1, sent / (double) total);
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        String eta = rate > 0 ? formatSeconds((total - sent) / rate) : "?";
        return String.format("[%s%s] %3.0f%%  %,d/%,d events  %,.0f ev/s  ETA %s", "#".repeat(filled),
                " ".repeat(width - filled), fraction * 100, sent, total, rate, eta);
    }

    private void paint() {
        if (mode == Mode.TERMINAL) {
            out.print("\r" + render() + "\u001b[K");
        } else {
            out.println(render());
        }
        out.flush();
    }

    private static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (painter != null) {
            painter.interrupt();
            paint();
            if (mode == Mode.TERMINAL) {
                out.println();
            }
        }
    }
}
