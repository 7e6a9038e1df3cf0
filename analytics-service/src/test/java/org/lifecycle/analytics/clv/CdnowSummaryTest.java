package org.lifecycle.analytics.clv;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The calibration summaries rebuilt from the raw CDNOW orders equal the published ones. */
class CdnowSummaryTest {

    @Test
    void summariesRebuiltFromTheOrdersEqualThePublishedFiles() {
        List<CustomerSummary> rebuilt = CustomerSummaries.of(CdnowData.sampleTransactions(), CdnowData.CALIBRATION);
        Map<String, CustomerSummary> byId = rebuilt.stream()
                .collect(Collectors.toMap(CustomerSummary::customerId, Function.identity()));
        List<String[]> published = CdnowData.csv(CdnowData.SUMMARY_WITH_SPEND);
        List<String[]> publishedCounts = CdnowData.csv(CdnowData.SUMMARY);

        assertThat(rebuilt).hasSize(2357).hasSameSizeAs(published).hasSameSizeAs(publishedCounts);
        for (String[] row : published) {
            CustomerSummary c = byId.get(row[0]);
            assertThat(c).as("customer %s", row[0]).isNotNull();
            assertThat(c.frequency()).as("x of %s", row[0]).isEqualTo(Integer.parseInt(row[1]));
            assertThat(twoDecimals(c.recency())).as("t_x of %s", row[0]).isEqualByComparingTo(new BigDecimal(row[2]));
            assertThat(twoDecimals(c.age())).as("T of %s", row[0]).isEqualByComparingTo(new BigDecimal(row[3]));
            assertThat(twoDecimals(c.meanRepeatValue())).as("zbar of %s", row[0])
                    .isEqualByComparingTo(new BigDecimal(row[4]));
        }
        for (String[] row : publishedCounts) {
            CustomerSummary c = byId.get(row[0]);
            assertThat(c.frequency()).as("frequency of %s", row[0]).isEqualTo(Integer.parseInt(row[1]));
            assertThat(twoDecimals(c.recency())).as("recency of %s", row[0])
                    .isEqualByComparingTo(new BigDecimal(row[2]));
            assertThat(twoDecimals(c.age())).as("T of %s", row[0]).isEqualByComparingTo(new BigDecimal(row[3]));
        }
    }

    @Test
    void rebuiltSummariesShowThePublishedCounts() {
        List<CustomerSummary> rebuilt = CustomerSummaries.of(CdnowData.sampleTransactions(), CdnowData.CALIBRATION);

        assertThat(rebuilt.stream().filter(c -> c.frequency() == 0).count()).isEqualTo(1411);
        assertThat(rebuilt.stream().filter(c -> c.frequency() > 0).count()).isEqualTo(946);
        assertThat(rebuilt.stream().mapToInt(CustomerSummary::frequency).sum()).isEqualTo(2457);
    }

    @Test
    void theFullCdnowCohortSummarisesEveryCustomer() {
        List<CustomerSummary> rebuilt = CustomerSummaries.of(CdnowData.masterTransactions(), CdnowData.CALIBRATION);

        assertThat(rebuilt).hasSize(23_570);
        assertThat(rebuilt).allSatisfy(c -> assertThat(c.age()).isBetween(0.0, 39.0));
    }

    /**
     * Rounded half-up to cents the way the published files are. The value is first rounded to 6 places to drop the
     * binary representation error of a mean like 37.03 / 2 = 18.515, which a double holds as 18.51499…; a mean of
     * cents over x purchases is never within 5e-7 of a half cent without being exactly on it.
     */
    private static BigDecimal twoDecimals(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).setScale(2, RoundingMode.HALF_UP);
    }
}
