package org.lifecycle.bench.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request body of the batch API, {@code {"batch":[...],"sentAt":"..."}}, built from already serialized events.
 * {@code sentAt} asks the service to correct the events' timestamps for the sender's clock skew; a replay of recorded
 * history leaves it out, since its timestamps come from the shop's records, not from a device clock that may be off.
 * Bodies are cut so that none holds more than the chosen number of events nor more than {@link #MAX_BATCH_BYTES}
 * uncompressed bytes; no event may exceed {@link #MAX_EVENT_BYTES}.
 */
public record Batch(byte[] body, int events) {

    /**
     * The ingestion API takes 32 KB per event and 500 KB per batch; staying under the decimal reading of both keeps
     * us inside whichever the service means.
     */
    public static final int MAX_EVENT_BYTES = 32_000;
    public static final int MAX_BATCH_BYTES = 500_000;

    private static final byte[] HEAD = "{\"batch\":[".getBytes(StandardCharsets.UTF_8);

    /**
     * Cuts events into bodies of at most {@code maxEvents} events and {@code maxBytes} bytes, keeping their order.
     *
     * @param sentAt the batch's {@code sentAt}, or {@code null} to send none (no clock-skew correction)
     */
    public static List<Batch> split(List<byte[]> events, int maxEvents, int maxBytes, String sentAt) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        byte[] tail = (sentAt == null ? "]}" : "],\"sentAt\":\"" + sentAt + "\"}").getBytes(StandardCharsets.UTF_8);
        int overhead = HEAD.length + tail.length;
        List<Batch> out = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int size = overhead;
        for (byte[] event : events) {
            if (event.length > MAX_EVENT_BYTES || overhead + event.length > maxBytes) {
                throw new IllegalArgumentException("event of " + event.length + " bytes is over the limit");
            }
            int added = event.length + (current.isEmpty() ? 0 : 1);
            if (!current.isEmpty() && (current.size() == maxEvents || size + added > maxBytes)) {
                out.add(body(current, size, tail));
                current = new ArrayList<>();
                size = overhead;
                added = event.length;
            }
            current.add(event);
            size += added;
        }
        if (!current.isEmpty()) {
            out.add(body(current, size, tail));
        }
        return out;
    }

    private static Batch body(List<byte[]> events, int size, byte[] tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(HEAD);
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i));
        }
        out.writeBytes(tail);
        return new Batch(out.toByteArray(), events.size());
    }
}
