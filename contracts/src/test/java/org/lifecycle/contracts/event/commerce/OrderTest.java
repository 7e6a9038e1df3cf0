package org.lifecycle.contracts.event.commerce;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.lifecycle.contracts.LifecycleJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTest {

    /** The example of Segment's e-commerce spec v2 for Order Completed. */
    private static final String SEGMENT_ORDER_COMPLETED = """
            {
              "checkout_id": "fksdjfsdjfisjf9sdfjsd9f",
              "order_id": "50314b8e9bcf000000000000",
              "affiliation": "Google Store",
              "total": 27.50,
              "subtotal": 22.50,
              "revenue": 25.00,
              "shipping": 3,
              "tax": 2,
              "discount": 2.5,
              "coupon": "hasbros",
              "currency": "USD",
              "products": [
                {"product_id": "507f1f77bcf86cd799439011", "sku": "45790-32", "name": "Monopoly: 3rd Edition",
                 "price": 19, "quantity": 1, "category": "Games", "url": "https://www.example.com/product/path",
                 "image_url": "https://www.example.com/product/path.jpg"},
                {"product_id": "505bd76785ebb509fc183733", "sku": "46493-32", "name": "Uno Card Game",
                 "price": 3, "quantity": 2, "category": "Games"}
              ]
            }
            """;

    @Test
    void segmentOrderCompletedIsWorthItsRevenue() throws JsonProcessingException {
        Order order = Order.from(object(SEGMENT_ORDER_COMPLETED));

        assertThat(order.orderId()).isEqualTo("50314b8e9bcf000000000000");
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.value()).isEqualByComparingTo("25.00");
        assertThat(order.products()).hasSize(2);
        assertThat(order.products().get(0).imageUrl()).isEqualTo("https://www.example.com/product/path.jpg");
        assertThat(order.products().get(1).lineTotal()).isEqualByComparingTo("6");
    }

    @Test
    void numbersSentAsStringsAreRead() throws JsonProcessingException {
        Order order = Order.from(object("""
                {"order_id": 1001, "revenue": "25.00", "total": " 27.5 ", "tax": "n/a",
                 "products": [{"product_id": 7, "price": "19.99", "quantity": "2", "position": "1"}]}
                """));

        assertThat(order.orderId()).isEqualTo("1001");
        assertThat(order.value()).isEqualTo(new BigDecimal("25.00"));
        assertThat(order.total()).isEqualByComparingTo("27.5");
        assertThat(order.tax()).isNull();
        assertThat(order.products().get(0)).satisfies(product -> {
            assertThat(product.productId()).isEqualTo("7");
            assertThat(product.quantity()).isEqualTo(2);
            assertThat(product.position()).isEqualTo(1);
            assertThat(product.lineTotal()).isEqualByComparingTo("39.98");
        });
    }

    @Test
    void orderWithoutRevenueIsWorthItsTotal() throws JsonProcessingException {
        assertThat(Order.from(object("{\"total\": 27.50, \"subtotal\": 22.50}")).value()).isEqualByComparingTo("27.5");
    }

    @Test
    void orderWithoutAmountsIsWorthItsProducts() throws JsonProcessingException {
        Order order = Order.from(object("""
                {"products": [{"price": 19, "quantity": 1}, {"price": "3", "quantity": 2}, {"price": 5},
                              {"name": "no price"}, "not a product"]}
                """));

        assertThat(order.products()).hasSize(4);
        assertThat(order.value()).isEqualByComparingTo("30");
    }

    @Test
    void orderStatingNoAmountIsWorthZero() throws JsonProcessingException {
        assertThat(Order.from(object("{\"order_id\": \"o-1\", \"products\": \"none\"}")).value()).isZero();
        assertThat(Order.from(null).value()).isZero();
    }

    @Test
    void orderWritesSegmentPropertyNames() throws JsonProcessingException {
        Order order = Order.from(object(SEGMENT_ORDER_COMPLETED));
        ObjectNode properties = order.toProperties();

        assertThat(properties.get("order_id").asText()).isEqualTo("50314b8e9bcf000000000000");
        assertThat(properties.get("products").get(0).get("image_url").asText())
                .isEqualTo("https://www.example.com/product/path.jpg");
        assertThat(Order.from(properties)).isEqualTo(order);
    }

    @Test
    void productViewedPropertiesAreAProduct() throws JsonProcessingException {
        Product product = Product.from(object("""
                {"product_id": "507f1f77bcf86cd799439011", "sku": "G-32", "category": "Games", "name": "Monopoly",
                 "brand": "Hasbro", "variant": "200 pieces", "price": 18.99, "quantity": 1, "coupon": "MAYDEALS",
                 "currency": "usd", "position": 3, "value": 18.99, "url": "https://www.example.com/product/path",
                 "image_url": "https://www.example.com/product/path.jpg"}
                """));

        assertThat(product.brand()).isEqualTo("Hasbro");
        assertThat(product.price()).isEqualByComparingTo("18.99");
        assertThat(product.position()).isEqualTo(3);
    }

    @Test
    void fractionalQuantityIsNotAQuantity() throws JsonProcessingException {
        assertThat(Product.from(object("{\"quantity\": 1.5}")).quantity()).isNull();
        assertThat(Product.from(object("{\"quantity\": 2.0}")).quantity()).isEqualTo(2);
    }

    private static ObjectNode object(String json) throws JsonProcessingException {
        return (ObjectNode) LifecycleJson.mapper().readTree(json);
    }
}
