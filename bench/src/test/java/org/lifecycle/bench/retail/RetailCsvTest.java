package org.lifecycle.bench.retail;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RetailCsvTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SNIPPET = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
            536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom
            536381,82567,"AIRLINE LOUNGE,METAL SIGN",2,2011-06-01 09:41:00,2.1,15311.0,United Kingdom
            536381,22041,"RECORD FRAME 7"" SINGLE SIZE ",48,2011-06-01 09:42:00,2.1,15311.0,United Kingdom
            536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom
            C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,17850.0,United Kingdom
            536365,21730,GLASS STAR FROSTED T-LIGHT HOLDER,6,2010-12-01 08:26:00,4.25,17850.0,United Kingdom
            536370,22728,ALARM CLOCK BAKELIKE PINK,24,2010-12-01 08:45:00,3.75,12583.0,France
            """;

    @Test
    void groupsRowsIntoInvoicesWhereverTheyAppear() throws IOException {
        List<Invoice> invoices = RetailCsv.read(new StringReader(SNIPPET));

        assertThat(invoices).extracting(Invoice::invoiceNo)
                .containsExactly("536365", "536381", "536414", "C536379", "536370");
        Invoice first = invoices.get(0);
        assertThat(first.lines()).hasSize(3);
        assertThat(first.customerId()).isEqualTo("17850");
        assertThat(first.total()).isEqualByComparingTo("61.14");
        assertThat(first.issuedAt()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
    }

    @Test
    void readsQuotedDescriptionsUkTimeGuestsAndCancellations() throws IOException {
        List<Invoice> invoices = RetailCsv.read(new StringReader(SNIPPET));

        Invoice summer = invoices.get(1);
        assertThat(summer.lines()).extracting(InvoiceLine::description)
                .containsExactly("AIRLINE LOUNGE,METAL SIGN", "RECORD FRAME 7\" SINGLE SIZE ");
        // British Summer Time: 09:41 in London is 08:41 UTC; the earliest row gives the invoice time.
        assertThat(summer.issuedAt()).isEqualTo(Instant.parse("2011-06-01T08:41:00Z"));
        assertThat(invoices.get(2).isGuest()).isTrue();
        assertThat(invoices.get(3).isCancellation()).isTrue();
        assertThat(invoices.get(3).total()).isEqualByComparingTo(new BigDecimal("-27.50"));
    }

    @Test
    void mapsInvoicesToIdentifyOrderAndRefundMessages() throws IOException {
        SegmentMapping mapping = new SegmentMapping("retail", 32_000);
        List<ShopEvent> events = RetailCsv.read(new StringReader(SNIPPET)).stream()
                .flatMap(i -> mapping.map(i).stream())
                .toList();

        assertThat(events).extracting(ShopEvent::messageId).containsExactly("retail-identify-17850",
                "retail-order-536365", "retail-identify-15311", "retail-order-536381", "retail-refund-C536379",
                "retail-identify-12583", "retail-order-536370");
        assertThat(mapping.guestInvoicesSkipped()).isEqualTo(1);

        JsonNode identify = tree(events.get(0));
        assertThat(identify.path("type").asText()).isEqualTo("identify");
        assertThat(identify.path("userId").asText()).isEqualTo("17850");
        assertThat(identify.path("traits").path("country").asText()).isEqualTo("United Kingdom");

        JsonNode order = tree(events.get(1));
        assertThat(order.path("type").asText()).isEqualTo("track");
        assertThat(order.path("event").asText()).isEqualTo("Order Completed");
        assertThat(order.path("timestamp").asText()).isEqualTo("2010-12-01T08:26:00Z");
        JsonNode props = order.path("properties");
        assertThat(props.path("order_id").asText()).isEqualTo("536365");
        assertThat(props.path("revenue").decimalValue()).isEqualByComparingTo("61.14");
        assertThat(props.path("total").decimalValue()).isEqualByComparingTo("61.14");
        assertThat(props.path("currency").asText()).isEqualTo("GBP");
        assertThat(props.path("products")).hasSize(3);
        JsonNode product = props.path("products").get(0);
        assertThat(product.path("product_id").asText()).isEqualTo("85123A");
        assertThat(product.path("sku").asText()).isEqualTo("85123A");
        assertThat(product.path("name").asText()).isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER");
        assertThat(product.path("price").decimalValue()).isEqualByComparingTo("2.55");
        assertThat(product.path("quantity").asInt()).isEqualTo(6);

        JsonNode refund = tree(events.get(4));
        assertThat(refund.path("event").asText()).isEqualTo("Order Refunded");
        assertThat(refund.path("properties").path("order_id").asText()).isEqualTo("C536379");
        assertThat(refund.path("properties").path("total").decimalValue()).isEqualByComparingTo("27.50");
        assertThat(refund.path("properties").path("products").get(0).path("quantity").asInt()).isEqualTo(1);
    }

    @Test
    void replayingTheSameDataGivesTheSameMessageIds() throws IOException {
        List<String> first = ids();
        assertThat(ids()).isEqualTo(first);
    }

    private static List<String> ids() throws IOException {
        SegmentMapping mapping = new SegmentMapping("retail", 32_000);
        return RetailCsv.read(new StringReader(SNIPPET)).stream().flatMap(i -> mapping.map(i).stream())
                .map(ShopEvent::messageId).toList();
    }

    static JsonNode tree(ShopEvent event) throws IOException {
        return JSON.readTree(event.json());
    }
}
