package org.lifecycle.segmentation.profile.repository;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArrayLiteralTest {

    @Test
    void segmentKeysAreWrittenAsAQuotedPostgresArrayLiteral() {
        assertThat(ProfileRepository.arrayLiteral(List.of())).isEqualTo("{}");
        assertThat(ProfileRepository.arrayLiteral(List.of("stage.active", "rfm.loyalists")))
                .isEqualTo("{\"stage.active\",\"rfm.loyalists\"}");
        // commas, braces, spaces, quotes and backslashes stay inside their element
        assertThat(ProfileRepository.arrayLiteral(List.of("a,b", "{x} y", "say \"hi\"", "back\\slash")))
                .isEqualTo("{\"a,b\",\"{x} y\",\"say \\\"hi\\\"\",\"back\\\\slash\"}");
    }
}
