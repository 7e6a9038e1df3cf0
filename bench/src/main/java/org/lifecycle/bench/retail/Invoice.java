package org.lifecycle.bench.retail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * One invoice of a shop, as the Online Retail data set records it: every line, the customer (null for a guest
 * checkout) and their country. An invoice number starting with {@code C} is a cancellation.
 */
public record Invoice(String invoiceNo, String customerId, String country, Instant issuedAt, List<InvoiceLine> lines) {

    public Invoice {
        lines = List.copyOf(lines);
    }

    public boolean isCancellation() { return invoiceNo.startsWith("C"); }

    public boolean isGuest() { return customerId == null; }

    /** Sum of quantity x unit price over the lines, to the penny. */
    public BigDecimal total() {
        return lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
    }
}
