package org.lifecycle.ingestion.tracking.service;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A strict JSON reader over a byte range (RFC 8259, UTF-8): it validates values without building them, which is what
 * the tracking pipeline needs for the bulk of a request (the free-form objects it forwards as they are), and decodes
 * the few scalars the pipeline reads. Validating is several times cheaper than tokenising with a general parser, and
 * it is the hot path of ingestion. It accepts exactly standard JSON: no comments, no trailing commas, no leading zeros,
 * no control characters or malformed UTF-8 in strings, and at most {@value #MAX_DEPTH} levels of nesting.
 */
final class JsonScanner {

    static final int MAX_DEPTH = 1000;

    /** Reads eight bytes at a time, so that plain ASCII runs inside strings are skipped a word at once. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = 0x20 * ONES;
    private static final int MAX_NUMBER_LENGTH = 1000;

    /** Where and why the input is not JSON. */
    static final class SyntaxError extends RuntimeException {
        final int offset;

        SyntaxError(int offset, String reason) {
            super(reason, null, false, false);
            this.offset = offset;
        }
    }

    private final byte[] b;
    private final int end;
    int pos;

    JsonScanner(byte[] bytes, int from, int end) {
        this.b = bytes;
        this.pos = from;
        this.end = end;
    }

    byte[] bytes() {
        return b;
    }

    /** The next significant byte after whitespace, or -1 at the end; the position is left on it. */
    int peek() {
        skipWhitespace();
        return pos < end ? b[pos] & 0xFF : -1;
    }

    /** Consumes {@code c} after whitespace. */
    void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** After a member: true if another follows ({@code ,}), false at the closing {@code close}. */
    boolean next(char close) {
        int c = peek();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == close) {
            pos++;
            return false;
        }
        throw error("expected ',' or '" + close + "'");
    }

    /** Validates the value at the position and returns where it started; the position is left after it. */
    int skipValue() {
        skipWhitespace();
        int start = pos;
        value(1);
        return start;
    }

    /** Reads a string at the position (a field name, a text value) and decodes it. */
    String string() {
        if (peek() != '"') {
            throw error("expected a string");
        }
        int start = pos;
        boolean escaped = skipString();
        return escaped
                ? unescape(start + 1, pos - 1)
                : new String(b, start + 1, pos - start - 2, StandardCharsets.UTF_8);
    }

    /**
     * Reads a field name at the position and returns its index in {@code names} (UTF-8 bytes), or -1 for any other
     * name. Plain names are compared as bytes, so no string is made for them; a name written with escapes is decoded
     * and compared as text.
     */
    int name(byte[][] names) {
        if (peek() != '"') {
            throw error("expected a string");
        }
        int start = pos;
        boolean escaped = skipString();
        int from = start + 1;
        int to = pos - 1;
        if (escaped) {
            byte[] decoded = unescape(from, to).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < names.length; i++) {
                if (java.util.Arrays.equals(decoded, names[i])) {
                    return i;
                }
            }
            return -1;
        }
        int length = to - from;
        for (int i = 0; i < names.length; i++) {
            byte[] name = names[i];
            if (name.length == length && java.util.Arrays.equals(b, from, to, name, 0, length)) {
                return i;
            }
        }
        return -1;
    }

    /** The scalar (string, number, true, false, null) at the position as a small JSON node; null for a container. */
    JsonNode scalar() {
        int c = peek();
        int start = pos;
        switch (c) {
            case '"' :
                return TextNode.valueOf(string());
            case '{', '[' :
                return null;
            case 't', 'f', 'n' :
                value(1);
                return c == 't' ? BooleanNode.TRUE : c == 'f' ? BooleanNode.FALSE : NullNode.getInstance();
            default :
                boolean integral = number();
                String text = new String(b, start, pos - start, StandardCharsets.US_ASCII);
                if (integral && pos - start < 19) {
                    return LongNode.valueOf(Long.parseLong(text));
                }
                return DecimalNode.valueOf(new BigDecimal(text));
        }
    }

    SyntaxError error(String reason) {
        return new SyntaxError(pos, reason);
    }

    private void value(int depth) {
        if (pos >= end) {
            throw error("unexpected end of input");
        }
        switch (b[pos]) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> skipString();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        if (peek() == '}') {
            pos++;
            return;
        }
        do {
            if (peek() != '"') {
                throw error("expected a field name in double quotes");
            }
            skipString();
            if (pos < end && b[pos] == ':') {
                pos++;
            } else {
                expect(':');
            }
            skipWhitespace();
            value(depth + 1);
        } while (next('}'));
    }

    private void array(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        if (peek() == ']') {
            pos++;
            return;
        }
        do {
            skipWhitespace();
            value(depth + 1);
        } while (next(']'));
    }

    /**
     * Skips the string at the position (on its opening quote); true if it holds escapes. Eight bytes are examined at a
     * time: the first closing quote and the first byte that needs a closer look (backslash, control character, UTF-8
     * sequence) are found with word arithmetic, so short keys and values cost one read.
     */
    private boolean skipString() {
        // The position lives in a local while scanning (stored back before anything that reads it), so that the
        // loop runs in registers.
        final byte[] bytes = b;
        final int limit = end;
        int p = pos + 1;
        boolean escaped = false;
        while (true) {
            if (p + 8 <= limit) {
                long word = (long) WORDS.get(bytes, p);
                long quotes = zeroBytes(word ^ QUOTES);
                long special = zeroBytes(word ^ BACKSLASHES) | ((word - SPACES) & ~word & HIGHS) | (word & HIGHS);
                if (quotes != 0 && (special == 0
                        || Long.numberOfTrailingZeros(quotes) < Long.numberOfTrailingZeros(special))) {
                    pos = p + (Long.numberOfTrailingZeros(quotes) >>> 3) + 1;
                    return escaped;
                }
                if (special == 0) {
                    p += 8;
                    continue;
                }
                // Plain bytes up to the one that needs a closer look.
                p += Long.numberOfTrailingZeros(special) >>> 3;
            }
            if (p >= limit) {
                pos = p;
                throw error("unterminated string");
            }
            int c = bytes[p] & 0xFF;
            if (c == '"') {
                pos = p + 1;
                return escaped;
            } else if (c == '\\') {
                escaped = true;
                pos = p;
                escape();
                p = pos;
            } else if (c < 0x20) {
                pos = p;
                throw error("control character in a string (escape it)");
            } else if (c < 0x80) {
                p++;
            } else {
                pos = p;
                utf8(c);
                p = pos;
            }
        }
    }

    /**
     * A high bit in each byte of {@code word} that is zero. Bytes above the lowest zero byte may be flagged too (a
     * borrow), so only the lowest flag is exact, which is all the callers use.
     */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGHS;
    }

    private void escape() {
        pos++;
        if (pos >= end) {
            throw error("unterminated string");
        }
        switch (b[pos]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> pos++;
            case 'u' -> {
                for (int i = 1; i <= 4; i++) {
                    if (pos + i >= end || Character.digit(b[pos + i], 16) < 0) {
                        throw error("\\u must be followed by four hexadecimal digits");
                    }
                }
                pos += 5;
            }
            default -> throw error("invalid escape sequence");
        }
    }

    /** One multi-byte UTF-8 character, checked as RFC 3629 requires (no overlongs, no surrogates, ≤ U+10FFFF). */
    private void utf8(int lead) {
        int continuations;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuations = 1;
        } else if (lead == 0xE0) {
            continuations = 2;
            min = 0xA0;
        } else if (lead == 0xED) {
            continuations = 2;
            max = 0x9F;
        } else if (lead >= 0xE1 && lead <= 0xEF) {
            continuations = 2;
        } else if (lead == 0xF0) {
            continuations = 3;
            min = 0x90;
        } else if (lead >= 0xF1 && lead <= 0xF3) {
            continuations = 3;
        } else if (lead == 0xF4) {
            continuations = 3;
            max = 0x8F;
        } else {
            throw error("invalid UTF-8");
        }
        if (pos + continuations >= end) {
            throw error("invalid UTF-8");
        }
        int second = b[pos + 1] & 0xFF;
        if (second < min || second > max) {
            throw error("invalid UTF-8");
        }
        for (int i = 2; i <= continuations; i++) {
            int c = b[pos + i] & 0xFF;
            if (c < 0x80 || c > 0xBF) {
                throw error("invalid UTF-8");
            }
        }
        pos += continuations + 1;
    }

    /** Skips a number; true if it is an integer (no fraction, no exponent). */
    private boolean number() {
        int start = pos;
        boolean integral = true;
        if (pos < end && b[pos] == '-') {
            pos++;
        }
        if (pos >= end || !digit(b[pos])) {
            pos = start;
            // A body cut off where a value belongs ({"event":) ends here, with no character to show.
            throw error(start >= end ? "unexpected end of input" : "unexpected character '" + printable(start) + "'");
        }
        if (b[pos] == '0') {
            pos++;
            if (pos < end && digit(b[pos])) {
                throw error("numbers must not have leading zeros");
            }
        } else {
            digits();
        }
        if (pos < end && b[pos] == '.') {
            integral = false;
            pos++;
            if (pos >= end || !digit(b[pos])) {
                throw error("expected a digit after the decimal point");
            }
            digits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            integral = false;
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (pos >= end || !digit(b[pos])) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw error("number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        return integral;
    }

    private void digits() {
        int p = pos;
        while (p < end && digit(b[p])) {
            p++;
        }
        pos = p;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        int length = word.length();
        if (pos + length > end) {
            throw error("unexpected end of input");
        }
        for (int i = 0; i < length; i++) {
            if (b[pos + i] != word.charAt(i)) {
                throw error("unexpected character '" + printable(pos) + "'");
            }
        }
        pos += length;
    }

    private void skipWhitespace() {
        int p = pos;
        while (p < end) {
            byte c = b[p];
            // Every whitespace byte is at most ' ': anything above it (most bytes) is decided by one comparison.
            if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
                break;
            }
            p++;
        }
        pos = p;
    }

    private String printable(int at) {
        int c = b[at] & 0xFF;
        return c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c);
    }

    /** Decodes a string body that holds escapes (already validated). */
    private String unescape(int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int runStart = i;
            while (i < to && b[i] != '\\') {
                i++;
            }
            out.append(new String(b, runStart, i - runStart, StandardCharsets.UTF_8));
            if (i >= to) {
                break;
            }
            byte kind = b[i + 1];
            switch (kind) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16));
                    i += 4;
                }
                default -> out.append((char) kind);
            }
            i += 2;
        }
        return out.toString();
    }
}
