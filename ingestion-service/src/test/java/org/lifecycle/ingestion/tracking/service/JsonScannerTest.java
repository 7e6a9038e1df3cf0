package org.lifecycle.ingestion.tracking.service;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scanner must accept exactly the JSON a standard parser accepts: checked against Jackson on thousands of random
 * documents and their near misses.
 */
class JsonScannerTest {

    private static final ObjectMapper JACKSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String[] STRINGS = {"", "plain", "with \\\"quotes\\\"", "tab\\tnew\\nline", "caf\u00e9",
            "\u20ac 9.99", "emoji \uD83D\uDE00", "\\u00e9\\u20AC\\uD83D\\uDE00", "slash \\/ back \\\\"};
    private static final String[] NUMBERS = {"0", "-0", "7", "-12", "3.25", "0.10", "1e3", "2E-7", "-4.5e+10",
            "12345678901234567890123"};
    private static final String NOISE = "{}[],:\"\\0123456789.eE+-tfnul \t\nx";

    @Test
    void acceptsExactlyWhatAStandardParserAccepts() {
        Random random = new Random(20261123);
        int valid = 0;
        for (int i = 0; i < 4000; i++) {
            String document = value(random, 0);
            if (random.nextBoolean()) {
                document = mutate(random, document);
            }
            boolean expected = jacksonAccepts(document);
            assertThat(scannerAccepts(document)).as("%s", document).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).as("both valid and invalid documents were tried").isBetween(1500, 3500);
    }

    @Test
    void decodesStringsAndNumbersLikeAStandardParser() throws Exception {
        for (String s : STRINGS) {
            String json = "\"" + s + "\"";
            assertThat(new JsonScanner(bytes(json), 0, bytes(json).length).string())
                    .isEqualTo(JACKSON.readTree(json).textValue());
        }
        for (String n : NUMBERS) {
            JsonNode node = new JsonScanner(bytes(n), 0, bytes(n).length).scalar();
            assertThat(node.decimalValue()).as(n).isEqualByComparingTo(JACKSON.readTree(n).decimalValue());
        }
    }

    @Test
    void refusesMalformedUtf8AndControlCharacters() {
        byte[][] bad = {{'"', (byte) 0xC3, '"'}, {'"', (byte) 0xE2, (byte) 0x82, '"'},
                {'"', (byte) 0xC0, (byte) 0xAF, '"'}, {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
                {'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'}, {'"', 0x01, '"'},
                {'"', '\n', '"'}};
        for (byte[] input : bad) {
            assertThatThrownBy(() -> new JsonScanner(input, 0, input.length).skipValue())
                    .isInstanceOf(JsonScanner.SyntaxError.class);
        }
    }

    @Test
    void aBodyCutOffWhereAValueBelongsIsASyntaxError() {
        for (String cut : new String[]{"", "  ", "-"}) {
            assertThatThrownBy(() -> new JsonScanner(bytes(cut), 0, cut.length()).scalar()).as("'%s'", cut)
                    .isInstanceOf(JsonScanner.SyntaxError.class);
        }
        String body = "{\"userId\":\"u1\",\"event\":";
        JsonScanner json = new JsonScanner(bytes(body), 0, body.length());
        json.pos = body.length();
        assertThatThrownBy(json::scalar).isInstanceOf(JsonScanner.SyntaxError.class)
                .hasMessage("unexpected end of input");
        byte[] single = bytes(body);
        assertThatThrownBy(() -> new SegmentRequestParser(new ObjectMapper()).single(single))
                .isInstanceOf(org.lifecycle.ingestion.problem.ProblemException.class)
                .hasMessageContaining("unexpected end of input");
    }

    @Test
    void refusesNestingBeyondTheLimit() {
        String deep = "[".repeat(JsonScanner.MAX_DEPTH + 1) + "]".repeat(JsonScanner.MAX_DEPTH + 1);
        assertThatThrownBy(() -> new JsonScanner(bytes(deep), 0, deep.length()).skipValue())
                .isInstanceOf(JsonScanner.SyntaxError.class).hasMessageContaining("nesting");
        String fine = "[".repeat(JsonScanner.MAX_DEPTH) + "]".repeat(JsonScanner.MAX_DEPTH);
        new JsonScanner(bytes(fine), 0, fine.length()).skipValue();
    }

    @Test
    void longStringsAreReadAWordAtATimeWithoutMissingAnything() throws Exception {
        String plain = "a plain ascii run long enough to be read eight bytes at a time";
        for (int at = 0; at < 24; at++) {
            String prefix = "x".repeat(at);
            for (String middle : new String[]{"\\\"", "\\n", "caf\u00e9", "\u4e2d\u6587", "\uD83D\uDE00", ""}) {
                String json = "\"" + prefix + middle + plain + "\"";
                assertThat(new JsonScanner(bytes(json), 0, bytes(json).length).string()).as(json)
                        .isEqualTo(JACKSON.readTree(json).textValue());
                assertThat(scannerAccepts(json + "x")).isFalse();
                String broken = "\"" + prefix + "\u0001" + plain + "\"";
                assertThat(scannerAccepts(broken)).as("control character at %d", at).isFalse();
                String unterminated = "\"" + prefix + middle + plain;
                assertThat(scannerAccepts(unterminated)).isFalse();
            }
        }
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> "\"" + STRINGS[random.nextInt(STRINGS.length)] + "\"";
            case 1 -> NUMBERS[random.nextInt(NUMBERS.length)];
            case 2 -> new String[]{"true", "false", "null"}[random.nextInt(3)];
            case 3 -> "\"k" + random.nextInt(100) + "\"";
            case 4 -> {
                StringBuilder object = new StringBuilder("{");
                int members = random.nextInt(4);
                for (int m = 0; m < members; m++) {
                    object.append(m == 0 ? "" : ",").append(space(random)).append("\"f").append(m).append("\"")
                            .append(space(random)).append(':').append(space(random)).append(value(random, depth + 1));
                }
                yield object.append(space(random)).append('}').toString();
            }
            default -> {
                StringBuilder array = new StringBuilder("[");
                int items = random.nextInt(4);
                for (int m = 0; m < items; m++) {
                    array.append(m == 0 ? "" : ",").append(space(random)).append(value(random, depth + 1));
                }
                yield array.append(space(random)).append(']').toString();
            }
        };
    }

    private static String space(Random random) {
        return new String[]{"", "", " ", "\n  ", "\t"}[random.nextInt(5)];
    }

    private static String mutate(Random random, String document) {
        StringBuilder out = new StringBuilder(document);
        int at = random.nextInt(out.length() + 1);
        switch (random.nextInt(3)) {
            case 0 -> {
                if (at < out.length()) {
                    out.deleteCharAt(at);
                }
            }
            case 1 -> out.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
            default -> {
                if (at < out.length()) {
                    out.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                }
            }
        }
        return out.toString();
    }

    private static boolean jacksonAccepts(String document) {
        try {
            return JACKSON.readTree(document) != null && !document.isBlank();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean scannerAccepts(String document) {
        byte[] input = bytes(document);
        try {
            JsonScanner scanner = new JsonScanner(input, 0, input.length);
            scanner.skipValue();
            return scanner.peek() == -1;
        } catch (JsonScanner.SyntaxError e) {
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
