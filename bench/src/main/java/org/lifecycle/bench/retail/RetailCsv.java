package org.lifecycle.bench.retail;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads the UCI Online Retail CSV ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country})
 * into invoices. Rows are grouped by invoice number wherever they appear (the file has one invoice split in two
 * runs), in order of first appearance; an invoice's time is its earliest row's time (43 invoices span two minutes).
 */
public final class RetailCsv {

    /** The file name under the shared data directory. */
    public static final String FILE_NAME = "online_retail_uci_2010-12_2011-12.csv.gz";

    /** The shop's time zone: invoice dates are UK local time. */
    public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    private RetailCsv() {
    }

    /**
     * The data file under {@code LIFECYCLE_DATA_DIR}, else under {@code shared/data} next to the repository (the
     * first {@code ../shared/data} found from the working directory upwards, so it works from the repository root and
     * from a module directory alike).
     */
    public static Optional<Path> defaultFile() {
        String dir = System.getenv("LIFECYCLE_DATA_DIR");
        if (dir != null && !dir.isBlank()) {
            Path file = Path.of(dir).resolve(FILE_NAME);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        List<Path> starts = new ArrayList<>();
        String repo = System.getenv("LIFECYCLE_REPO");
        if (repo != null && !repo.isBlank()) {
            starts.add(Path.of(repo).toAbsolutePath());
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path d = start; d.getParent() != null; d = d.getParent()) {
                Path file = d.getParent().resolve("shared").resolve("data").resolve(FILE_NAME);
                if (Files.isRegularFile(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    /** Reads a plain or gzip-compressed file (detected by its magic bytes). */
    public static List<Invoice> read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static List<Invoice> read(Reader source) throws IOException {
        BufferedReader reader = new BufferedReader(source, 1 << 16);
        String header = reader.readLine();
        if (header == null || !header.strip().replace("\uFEFF", "").equals(HEADER)) {
            throw new IllegalArgumentException("not an Online Retail CSV: header is " + header);
        }
        Map<String, Builder> invoices = new LinkedHashMap<>();
        String line;
        long lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() != 8) {
                throw new IllegalArgumentException("line " + lineNo + ": expected 8 fields, got " + f.size());
            }
            String invoiceNo = f.get(0);
            LocalDateTime time = LocalDateTime.parse(f.get(4), DATE);
            Builder b = invoices.computeIfAbsent(invoiceNo, no -> new Builder(no, customerId(f.get(6)), f.get(7)));
            if (b.earliest == null || time.isBefore(b.earliest)) {
                b.earliest = time;
            }
            b.lines.add(new InvoiceLine(f.get(1), f.get(2), Integer.parseInt(f.get(3)), new BigDecimal(f.get(5))));
        }
        List<Invoice> result = new ArrayList<>(invoices.size());
        for (Builder b : invoices.values()) {
            result.add(new Invoice(b.invoiceNo, b.customerId, b.country, b.earliest.atZone(SHOP_ZONE).toInstant(),
                    b.lines));
        }
        return result;
    }

    /** {@code 17850.0} becomes {@code 17850}; empty means a guest checkout. */
    static String customerId(String raw) {
        String id = raw.strip();
        if (id.isEmpty()) {
            return null;
        }
        return id.endsWith(".0") ? id.substring(0, id.length() - 2) : id;
    }

    /** RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(8);
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static final class Builder {
        final String invoiceNo;
        final String customerId;
        final String country;
        final List<InvoiceLine> lines = new ArrayList<>();
        LocalDateTime earliest;

        Builder(String invoiceNo, String customerId, String country) {
            this.invoiceNo = invoiceNo;
            this.customerId = customerId;
            this.country = country;
        }
    }
}
