package org.lifecycle.contracts.event.signal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpsCategoryTest {

    @Test
    void scoresFallIntoTheThreeNetPromoterGroups() {
        for (int score = 0; score <= 6; score++) {
            assertThat(NpsCategory.of(score)).isEqualTo(NpsCategory.DETRACTOR);
        }
        assertThat(NpsCategory.of(7)).isEqualTo(NpsCategory.PASSIVE);
        assertThat(NpsCategory.of(8)).isEqualTo(NpsCategory.PASSIVE);
        assertThat(NpsCategory.of(9)).isEqualTo(NpsCategory.PROMOTER);
        assertThat(NpsCategory.of(10).wire()).isEqualTo("promoter");
    }

    @Test
    void aScoreOutsideZeroToTenIsRefused() {
        assertThatThrownBy(() -> NpsCategory.of(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NpsCategory.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
