package org.lifecycle.bench.retail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns invoices into Segment messages, following Segment's e-commerce spec v2 (snake_case properties):
 * <ul>
 * <li>a customer seen for the first time gets one {@code identify} with their country;</li>
 * <li>an invoice gets one {@code track "Order Completed"} (order_id, total = revenue = sum of quantity x price,
 * currency GBP, products), a cancellation one {@code track "Order Refunded"} with positive amounts;</li>
 * <li>guest invoices (no customer) are skipped and counted.</li>
 * </ul>
 * Message ids are derived from the invoice or customer ({@code <prefix>-order-536365}), so replaying the same
 * data again produces the same ids and the platform can drop the duplicates. An event over the per-event limit (a
 * few invoices have hundreds of lines) keeps its totals and as many products as fit, and says how many it left out
 * in {@code products_omitted}.
 */
public final class SegmentMapping {

    public static final String ORDER_COMPLETED = "Order Completed";
    public static final String ORDER_REFUNDED = "Order Refunded";
    public static final String CURRENCY = "GBP";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String idPrefix;
    private final int maxEventBytes;
    private final Set<String> identified = new HashSet<>();
    private long guestInvoicesSkipped;
    private long trimmedEvents;

    /**
     * @param idPrefix prefix of every message id ({@code retail} for the real file, {@code gen<seed>} for generated data)
     * @param maxEventBytes the largest serialized event the API takes
     */
    public SegmentMapping(String idPrefix, int maxEventBytes) {
        this.idPrefix = idPrefix;
        this.maxEventBytes = maxEventBytes;
    }

    /** The messages of one invoice, in order: possibly an identify, then the order or refund; none for a guest. */
    public List<ShopEvent> map(Invoice invoice) {
        if (invoice.isGuest()) {
            guestInvoicesSkipped++;
            return List.of();
        }
        List<ShopEvent> out = new ArrayList<>(2);
        if (identified.add(invoice.customerId())) {
            out.add(identify(invoice));
        }
        out.add(invoice.isCancellation() ? refund(invoice) : order(invoice));
        return out;
    }

    public long guestInvoicesSkipped() {
        return guestInvoicesSkipped;
    }

    /** Events whose product list was cut to stay under the per-event limit. */
    public long trimmedEvents() {
        return trimmedEvents;
    }

    private ShopEvent identify(Invoice invoice) {
        String messageId = idPrefix + "-identify-" + invoice.customerId();
        ObjectNode msg = message("identify", messageId, invoice);
        msg.putObject("traits").put("country", invoice.country());
        return new ShopEvent(ShopEvent.Kind.IDENTIFY, invoice.customerId(), messageId, bytes(msg));
    }

    private ShopEvent order(Invoice invoice) {
        String messageId = idPrefix + "-order-" + invoice.invoiceNo();
        return track(ShopEvent.Kind.ORDER, ORDER_COMPLETED, messageId, invoice, invoice.total(), false);
    }

    private ShopEvent refund(Invoice invoice) {
        String messageId = idPrefix + "-refund-" + invoice.invoiceNo();
        return track(ShopEvent.Kind.REFUND, ORDER_REFUNDED, messageId, invoice, invoice.total().abs(), true);
    }

    private ShopEvent track(ShopEvent.Kind kind, String event, String messageId, Invoice invoice, BigDecimal total,
            boolean positiveQuantities) {
        ObjectNode msg = message("track", messageId, invoice);
        msg.put("event", event);
        ObjectNode props = msg.putObject("properties");
        props.put("order_id", invoice.invoiceNo());
        props.put("total", total);
        props.put("revenue", total);
        props.put("currency", CURRENCY);
        ArrayNode products = props.putArray("products");
        for (InvoiceLine line : invoice.lines()) {
            ObjectNode p = products.addObject();
            p.put("product_id", line.stockCode());
            p.put("sku", line.stockCode());
            String name = line.description() == null ? "" : line.description().strip();
            if (!name.isEmpty()) {
                p.put("name", name);
            }
            p.put("price", line.unitPrice());
            p.put("quantity", positiveQuantities ? Math.abs(line.quantity()) : line.quantity());
        }
        byte[] json = bytes(msg);
        if (json.length > maxEventBytes) {
            json = trimmed(msg, products);
        }
        return new ShopEvent(kind, invoice.customerId(), messageId, json);
    }

    /** Keeps the longest prefix of the product list that fits, and records how many products were left out. */
    private byte[] trimmed(ObjectNode msg, ArrayNode products) {
        trimmedEvents++;
        int all = products.size();
        int keep = all;
        byte[] json;
        do {
            keep = keep * 9 / 10;
            ArrayNode kept = JSON.createArrayNode();
            for (int i = 0; i < keep; i++) {
                kept.add(products.get(i));
            }
            ObjectNode props = (ObjectNode) msg.get("properties");
            props.set("products", kept);
            props.put("products_omitted", all - keep);
            json = bytes(msg);
        } while (json.length > maxEventBytes && keep > 0);
        return json;
    }

    private ObjectNode message(String type, String messageId, Invoice invoice) {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("type", type);
        msg.put("messageId", messageId);
        msg.put("userId", invoice.customerId());
        msg.put("timestamp", invoice.issuedAt().toString());
        ObjectNode context = msg.putObject("context");
        context.putObject("library").put("name", "lifecycle-bench").put("version", "0.1.0");
        return msg;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
