package org.lifecycle.ingestion.tracking.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyDecoderTest {

    @Test
    void gzipBombIsStoppedAtTheLimitWithoutInflatingIt() throws IOException {
        // 50 MB of zeros compress to about 50 KB.
        var compressed = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 50; i++) {
                out.write(zeros);
            }
        }
        assertThatThrownBy(() -> BodyDecoder.decode(compressed.toByteArray(), "application/json", "gzip", 512_000))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.BATCH_TOO_LARGE));
    }

    @Test
    void jsonWithCharsetAndTextPlainBeaconsAreAccepted() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(BodyDecoder.decode(body, "application/json; charset=utf-8", null, 100)).isEqualTo(body);
        assertThat(BodyDecoder.decode(body, "text/plain;charset=UTF-8", "identity", 100)).isEqualTo(body);
        assertThat(BodyDecoder.decode(body, null, null, 100)).isEqualTo(body);
    }

    @Test
    void otherContentTypesAreRefusedNamingTheHeader() {
        assertThatThrownBy(() -> BodyDecoder.decode(new byte[]{'{', '}'}, "multipart/form-data", null, 100))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
                    assertThat(e.violations().getFirst().field()).isEqualTo("Content-Type");
                });
    }
}
