package org.lifecycle.campaign.journey.definition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyStatusTest {

    @Test
    void aDraftIsActivatedOrArchived() {
        assertThat(JourneyStatus.DRAFT.canBecome(JourneyStatus.ACTIVE)).isTrue();
        assertThat(JourneyStatus.DRAFT.canBecome(JourneyStatus.ARCHIVED)).isTrue();
        assertThat(JourneyStatus.DRAFT.canBecome(JourneyStatus.PAUSED)).isFalse();
    }

    @Test
    void anActiveJourneyPausesAndResumes() {
        assertThat(JourneyStatus.ACTIVE.canBecome(JourneyStatus.PAUSED)).isTrue();
        assertThat(JourneyStatus.PAUSED.canBecome(JourneyStatus.ACTIVE)).isTrue();
        assertThat(JourneyStatus.PAUSED.canBecome(JourneyStatus.ARCHIVED)).isTrue();
        assertThat(JourneyStatus.ACTIVE.canBecome(JourneyStatus.DRAFT)).isFalse();
    }

    @Test
    void anArchivedJourneyStaysArchived() {
        for (JourneyStatus target : JourneyStatus.values()) {
            assertThat(JourneyStatus.ARCHIVED.canBecome(target)).isFalse();
        }
    }

    @Test
    void onlyAnActiveJourneyEnrollsAndRuns() {
        assertThat(JourneyStatus.ACTIVE.enrolls()).isTrue();
        assertThat(JourneyStatus.ACTIVE.runs()).isTrue();
        assertThat(JourneyStatus.PAUSED.enrolls()).isFalse();
        assertThat(JourneyStatus.PAUSED.runs()).isFalse();
        assertThat(JourneyStatus.DRAFT.enrolls()).isFalse();
        assertThat(JourneyStatus.ARCHIVED.runs()).isFalse();
    }
}
