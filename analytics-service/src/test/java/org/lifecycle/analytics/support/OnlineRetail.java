package org.lifecycle.analytics.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.lifecycle.contracts.LifecycleJson;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.commerce.CommerceEvents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The UCI Online Retail CSV (when the data folder has it) and the events the platform's replay makes of it. */
public final class OnlineRetail {

    public static final String FILE_NAME = "online_retail_uci_2010-12_2011-12.csv.gz";
    public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");
    public static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private OnlineRetail() {
    }

    /** The events the platform's replay sends for these lines, in the order of the invoices. */
    public static List<CustomerEvent> replayEvents(List<String[]> lines) {
        Map<String, List<String[]>> invoices = new LinkedHashMap<>();
        for (String[] line : lines) {
            invoices.computeIfAbsent(line[0], no -> new ArrayList<>()).add(line);
        }
        Set<String> identified = new HashSet<>();
        List<CustomerEvent> events = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> invoice : invoices.entrySet()) {
            List<String[]> rows = invoice.getValue();
            String customer = customer(rows.get(0)[6]);
            if (customer == null) {
                continue;
            }
            Instant at = rows.stream().map(r -> LocalDateTime.parse(r[4], CSV_TIME)).min(Comparator.naturalOrder())
                    .orElseThrow().atZone(SHOP_ZONE).toInstant();
            if (identified.add(customer)) {
                ObjectNode traits = LifecycleJson.mapper().createObjectNode().put("country", rows.get(0)[7]);
                events.add(CustomerEvent.builder(MessageType.IDENTIFY, "src_retail", "retail-identify-" + customer)
                        .userId(customer).traits(traits).occurredAt(at).receivedAt(at).build());
            }
            boolean refund = invoice.getKey().startsWith("C");
            BigDecimal total = BigDecimal.ZERO;
            ObjectNode properties = LifecycleJson.mapper().createObjectNode();
            properties.put("order_id", invoice.getKey());
            ArrayNode products = properties.putArray("products");
            for (String[] row : rows) {
                int quantity = Integer.parseInt(row[3]);
                BigDecimal price = new BigDecimal(row[5]);
                total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
                products.addObject().put("product_id", row[1]).put("sku", row[1]).put("name", row[2].strip())
                        .put("price", price).put("quantity", refund ? Math.abs(quantity) : quantity);
            }
            total = total.setScale(2, RoundingMode.HALF_UP);
            properties.put("total", refund ? total.abs() : total);
            properties.put("revenue", refund ? total.abs() : total);
            properties.put("currency", "GBP");
            String kind = refund ? "refund" : "order";
            events.add(CustomerEvent.builder(MessageType.TRACK, "src_retail", "retail-" + kind + "-" + invoice.getKey())
                    .userId(customer).event(refund ? CommerceEvents.ORDER_REFUNDED : CommerceEvents.ORDER_COMPLETED)
                    .properties(properties).occurredAt(at).receivedAt(at).build());
        }
        return events;
    }

    public static String customer(String raw) {
        String id = raw.strip();
        if (id.isEmpty()) {
            return null;
        }
        return id.endsWith(".0") ? id.substring(0, id.length() - 2) : id;
    }

    /** The data file under LIFECYCLE_DATA_DIR, else under the first shared/data found beside a parent directory. */
    public static Optional<Path> dataFile() {
        String dir = System.getenv("LIFECYCLE_DATA_DIR");
        if (dir != null && !dir.isBlank()) {
            Path file = Path.of(dir).resolve(FILE_NAME);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        for (Path d = Path.of("").toAbsolutePath(); d.getParent() != null; d = d.getParent()) {
            Path file = d.getParent().resolve("shared").resolve("data").resolve(FILE_NAME);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The CSV's data lines as their 8 fields (RFC 4180: quoted fields may hold commas and doubled quotes). */
    public static List<String[]> read(Path file) throws IOException {
        List<String[]> lines = new ArrayList<>(550_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            String header = reader.readLine();
            assertThat(header).isNotNull().contains("InvoiceNo,StockCode,Description,Quantity,InvoiceDate");
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = new ArrayList<>(8);
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (quoted) {
                        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else if (c == '"') {
                            quoted = false;
                        } else {
                            field.append(c);
                        }
                    } else if (c == '"') {
                        quoted = true;
                    } else if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                    } else {
                        field.append(c);
                    }
                }
                fields.add(field.toString());
                assertThat(fields).hasSize(8);
                lines.add(fields.toArray(String[]::new));
            }
        }
        assertThat(lines).hasSize(541_909);
        return lines;
    }
}
