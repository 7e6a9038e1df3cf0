package org.lifecycle.bench.retail;

import java.math.BigDecimal;

/** One row of an invoice: a product, how many and at what unit price (negative quantities on cancellations). */
public record InvoiceLine(String stockCode, String description, int quantity, BigDecimal unitPrice) {

    public BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
