package org.lifecycle.system.retail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * What the Online Retail file says each customer bought, read here straight from the gzip CSV
 * ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}) with none of the
 * loader's code, as the reference the platform's result is checked against. It restates what the replay sends:
 * rows are grouped by invoice number; an invoice with a customer and a number not starting with {@code C} is one
 * order worth the sum of quantity × unit price rounded to the penny, placed at its earliest row's time, UK local
 * time; a {@code C} invoice is a refund whose order id matches no order, so it changes no order; invoices without a
 * customer are not sent. Every customer with an invoice of either kind is known to the platform.
 */
final class RetailHistory {

    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int INVOICE = 0;
    private static final int QUANTITY = 3;
    private static final int INVOICE_DATE = 4;
    private static final int UNIT_PRICE = 5;
    private static final int CUSTOMER = 6;

    /** One order as sent: its invoice number, time and value (Σ quantity × unit price, 2 decimals). */
    record Order(String invoice, Instant at, BigDecimal value) {
    }

    private final Map<String, List<Order>> ordersByCustomer;
    private final long cancellations;
    private final Instant lastInvoiceAt;

    private RetailHistory(Map<String, List<Order>> ordersByCustomer, long cancellations, Instant lastInvoiceAt) {
        this.ordersByCustomer = ordersByCustomer;
        this.cancellations = cancellations;
        this.lastInvoiceAt = lastInvoiceAt;
    }

    /** Every customer the platform knows, by customer id ({@code 17850}), with their orders oldest first. */
    Map<String, List<Order>> ordersByCustomer() {
        return ordersByCustomer;
    }

    long orderCount() {
        return ordersByCustomer.values().stream().mapToLong(List::size).sum();
    }

    /** Cancellation invoices of known customers, each sent as one refund. */
    long cancellations() {
        return cancellations;
    }

    /** The time of the file's last invoice, with or without a customer. */
    Instant lastInvoiceAt() {
        return lastInvoiceAt;
    }

    static RetailHistory read(Path file) {
        Map<String, InvoiceRows> invoices = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> columns = columns(line);
                InvoiceRows invoice = invoices.computeIfAbsent(columns.get(INVOICE),
                        number -> new InvoiceRows(number, customerId(columns.get(CUSTOMER))));
                LocalDateTime at = LocalDateTime.parse(columns.get(INVOICE_DATE), DATE);
                if (invoice.earliest == null || at.isBefore(invoice.earliest)) {
                    invoice.earliest = at;
                }
                invoice.sum = invoice.sum.add(
                        new BigDecimal(columns.get(UNIT_PRICE)).multiply(new BigDecimal(columns.get(QUANTITY))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Map<String, List<Order>> orders = new TreeMap<>();
        long cancellations = 0;
        Instant last = Instant.MIN;
        for (InvoiceRows invoice : invoices.values()) {
            Instant at = invoice.earliest.atZone(SHOP_ZONE).toInstant();
            last = at.isAfter(last) ? at : last;
            if (invoice.customer == null) {
                continue;
            }
            List<Order> customerOrders = orders.computeIfAbsent(invoice.customer, id -> new ArrayList<>());
            if (invoice.number.startsWith("C")) {
                cancellations++;
            } else {
                customerOrders.add(new Order(invoice.number, at, invoice.sum.setScale(2, RoundingMode.HALF_UP)));
            }
        }
        orders.values().forEach(list -> list.sort(Comparator.comparing(Order::at)));
        return new RetailHistory(orders, cancellations, last);
    }

    /** {@code 17850.0} → {@code 17850}, as the loader sends user ids; blank → a guest (null). */
    private static String customerId(String raw) {
        String id = raw.strip();
        if (id.isEmpty()) {
            return null;
        }
        return id.endsWith(".0") ? id.substring(0, id.length() - 2) : id;
    }

    /** The fields of one CSV line: a quoted field may hold commas, and a doubled quote inside it is one quote. */
    private static List<String> columns(String line) {
        List<String> columns = new ArrayList<>(8);
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                columns.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        columns.add(current.toString());
        if (columns.size() != 8) {
            throw new IllegalArgumentException("Expected 8 columns, got " + columns.size() + ": " + line);
        }
        return columns;
    }

    private static final class InvoiceRows {
        final String number;
        final String customer;
        LocalDateTime earliest;
        BigDecimal sum = BigDecimal.ZERO;

        InvoiceRows(String number, String customer) {
            this.number = number;
            this.customer = customer;
        }
    }
}
