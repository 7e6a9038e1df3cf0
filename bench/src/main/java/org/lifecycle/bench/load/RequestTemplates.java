package org.lifecycle.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.lifecycle.bench.http.Batch;
import org.lifecycle.bench.retail.ShopEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Request bodies built once before the run. Every event carries a message id
 * {@code bench-<run>-<request sequence>-<index>} whose request sequence is a fixed-width slot patched in place for
 * each request, so every event sent is distinct (a service that drops duplicate message ids drops nothing) while the
 * client does no JSON work during the run.
 */
final class RequestTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLOT = "##########";
    static final int SLOT_DIGITS = SLOT.length();

    /** A body and where its sequence slots are. */
    record Template(byte[] body, int events, int[] slots) {

        /** A copy of the body with {@code sequence} written into every slot. */
        byte[] render(long sequence) {
            byte[] copy = Arrays.copyOf(body, body.length);
            byte[] digits = String.format("%0" + SLOT_DIGITS + "d", sequence).getBytes(StandardCharsets.US_ASCII);
            for (int slot : slots) {
                System.arraycopy(digits, 0, copy, slot, SLOT_DIGITS);
            }
            return copy;
        }
    }

    private RequestTemplates() {
    }

    static List<Template> build(List<ShopEvent> events, int batchSize) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> withIds = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                ObjectNode node = (ObjectNode) JSON.readTree(events.get(i).json());
                node.put("messageId", "bench-" + run + "-" + SLOT + "-" + (i % batchSize));
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
