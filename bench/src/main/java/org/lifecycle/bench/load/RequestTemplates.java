package org.lifecycle.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.lifecycle.bench.http.Batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Request bodies built once before the run. Every event carries a message id
 * {@code bench-<run>-<request sequence>-<index>} whose request sequence is a fixed-width slot (offsets found once)
 * patched in place for each request in the sending thread's reused copy of the body, so every event sent is distinct (a service that drops duplicate message ids drops nothing) while the
 * client does no JSON work during the run.
 */
final class RequestTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLOT = "##########";
    static final int SLOT_DIGITS = SLOT.length();
    static final long MAX_SEQUENCE = 10_000_000_000L;

    /** A body and where its sequence slots are. */
    record Template(byte[] body, int events, int[] slots) {

        /**
         * Copies the body into {@code target} (cleared first; a thread's reused buffer) and writes {@code sequence},
         * zero-padded, into every slot of that copy in place; {@code target} is left flipped, ready to send. Nothing
         * is allocated.
         */
        void writeTo(ByteBuffer target, long sequence, byte[] digits) {
            if (sequence < 0 || sequence >= MAX_SEQUENCE) {
                throw new IllegalArgumentException("sequence out of the slot's range: " + sequence);
            }
            for (int i = SLOT_DIGITS - 1; i >= 0; i--) {
                digits[i] = (byte) ('0' + sequence % 10);
                sequence /= 10;
            }
            target.clear();
            target.put(body);
            for (int slot : slots) {
                target.put(slot, digits, 0, SLOT_DIGITS);
            }
            target.flip();
        }

        /** A new array with {@code sequence} in every slot (tests and one-off use; the load loop uses writeTo). */
        byte[] render(long sequence) {
            ByteBuffer copy = ByteBuffer.allocate(body.length);
            writeTo(copy, sequence, new byte[SLOT_DIGITS]);
            return copy.array();
        }
    }

    private RequestTemplates() {
    }

    /** A fresh run id: the part of every message id that tells this run's events from any other's. */
    static String newRun() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The prefix of every message id of {@code run}. */
    static String messageIdPrefix(String run) {
        return "bench-" + run + "-";
    }

    /** Bodies of at most {@code batchSize} of the serialized Segment messages {@code events}, ids of run {@code run}. */
    static List<Template> build(List<byte[]> events, int batchSize, String run) {
        List<byte[]> withIds = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                ObjectNode node = (ObjectNode) JSON.readTree(events.get(i));
                node.put("messageId", messageIdPrefix(run) + SLOT + "-" + (i % batchSize));
                withIds.add(JSON.writeValueAsBytes(node));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Template> templates = new ArrayList<>();
        for (Batch batch : Batch.split(withIds, batchSize, Batch.MAX_BATCH_BYTES, Instant.now().toString())) {
            templates.add(new Template(batch.body(), batch.events(), slots(batch.body())));
        }
        return templates;
    }

    private static int[] slots(byte[] body) {
        byte[] marker = SLOT.getBytes(StandardCharsets.US_ASCII);
        List<Integer> found = new ArrayList<>();
        outer : for (int i = 0; i <= body.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            found.add(i);
            i += marker.length - 1;
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }
}
