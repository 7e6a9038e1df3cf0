package org.lifecycle.campaign.journey.offer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrossSellTest {

    private static final List<String> BEST_SELLERS = List.of("mug", "tea", "socks", "scarf");

    @Test
    void recommendsWhatCustomersWhoBoughtTheSameAlsoBoughtMostOftenFirst() {
        CoPurchases coPurchases = new CoPurchases(Map.of("teapot", List.of("tea", "cups", "strainer", "cosy")));

        assertThat(CrossSell.recommend(List.of("teapot"), coPurchases, BEST_SELLERS, 3))
                .containsExactly("tea", "cups", "strainer");
    }

    @Test
    void aProductListedForSeveralPurchasedProductsRanksHigher() {
        CoPurchases coPurchases = new CoPurchases(Map.of(
                "teapot", List.of("cups", "tea"),
                "kettle", List.of("descaler", "tea"),
                "caddy", List.of("spoon", "tea")));

        assertThat(CrossSell.recommend(List.of("teapot", "kettle", "caddy"), coPurchases, BEST_SELLERS, 3))
                .containsExactly("tea", "cups", "descaler");
    }

    @Test
    void neverRecommendsWhatWasJustBoughtAndFillsUpFromTheFallback() {
        CoPurchases coPurchases = new CoPurchases(Map.of("teapot", List.of("tea", "mug")));

        assertThat(CrossSell.recommend(List.of("teapot", "mug"), coPurchases, BEST_SELLERS, 4))
                .containsExactly("tea", "socks", "scarf");
    }

    @Test
    void beforeAnalyticsHasPublishedTheFallbackIsTheWholeAnswer() {
        assertThat(CrossSell.recommend(List.of("teapot"), CoPurchases.none(), BEST_SELLERS, 2))
                .containsExactly("mug", "tea");
        assertThat(CrossSell.recommend(List.of(), CoPurchases.none(), List.of(), 3)).isEmpty();
    }
}
