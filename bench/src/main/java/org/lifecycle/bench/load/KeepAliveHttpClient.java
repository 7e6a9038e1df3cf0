package org.lifecycle.bench.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The load generator's HTTP/1.1 client: one blocking keep-alive connection, one request at a time, POSTs to one
 * endpoint. The header block is built once (only Content-Length changes) and written together with the body in one
 * gathering write (TCP_NODELAY on); the response's status line and headers are parsed in a reused buffer and its
 * body ({@code Content-Length} or {@code Transfer-Encoding: chunked}) is read and discarded, so the connection stays
 * usable. A response with neither is a protocol error. After {@code Connection: close} the connection is closed; after
 * any error ({@link IOException} thrown) it is closed too; the next request opens a new one. With gzip, bodies are
 * compressed into a reused buffer with a reused {@link Deflater}. Nothing is allocated per request. Not thread-safe:
 * one per client thread.
 */
final class KeepAliveHttpClient implements Closeable {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 30_000;

    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] CONNECTION = bytes("connection");
    private static final byte[] CHUNKED = bytes("chunked");
    private static final byte[] CLOSE = bytes("close");

    private final InetSocketAddress address;
    private final boolean gzip;
    private final byte[] headPrefix;
    private final ByteBuffer head;
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private final byte[] digits = new byte[20];
    private final byte[] in = new byte[16 * 1024];
    private int inPos;
    private int inLimit;
    private int lineStart;
    private int lineEnd;

    private final Deflater deflater;
    private final CRC32 crc;
    private ByteBuffer compressed;

    private SocketChannel channel;
    private InputStream input;
    private long connections;

    KeepAliveHttpClient(URI endpoint, String authorization, boolean gzip) {
        if (!"http".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("only http:// endpoints: " + endpoint);
        }
        int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        this.address = new InetSocketAddress(endpoint.getHost(), port);
        this.gzip = gzip;
        String path = (endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        String host = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + port);
        this.headPrefix = ("POST " + path + " HTTP/1.1\r\n" + "Host: " + host + "\r\n"
                + "Content-Type: application/json\r\n" + "Authorization: " + authorization + "\r\n"
                + (gzip ? "Content-Encoding: gzip\r\n" : "") + "Content-Length: ")
                .getBytes(StandardCharsets.ISO_8859_1);
        this.head = ByteBuffer.allocateDirect(headPrefix.length + digits.length + CRLF_CRLF.length);
        this.deflater = gzip ? new Deflater(Deflater.DEFAULT_COMPRESSION, true) : null;
        this.crc = gzip ? new CRC32() : null;
    }

    /**
     * POSTs the bytes between {@code body}'s position and limit (consuming them) and returns the response status once
     * its body has been read. On {@link IOException} the connection has been closed.
     */
    int post(ByteBuffer body) throws IOException {
        try {
            if (channel == null) {
                connect();
            }
            ByteBuffer payload = gzip ? gzip(body) : body;
            head.clear();
            head.put(headPrefix);
            putDecimal(payload.remaining());
            head.put(CRLF_CRLF);
            head.flip();
            gather[0] = head;
            gather[1] = payload;
            while (head.hasRemaining() || payload.hasRemaining()) {
                channel.write(gather);
            }
            return readResponse();
        } catch (IOException | RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    /** Connections opened so far (the first one included). */
    long connections() {
        return connections;
    }

    /** Closes the connection, if open; the next request opens a new one. */
    void disconnect() {
        SocketChannel open = channel;
        channel = null;
        input = null;
        inPos = 0;
        inLimit = 0;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // Closing a broken connection: nothing to do.
            }
        }
    }

    /** Closes the connection and frees the compressor; the client is not used afterwards. */
    @Override
    public void close() {
        disconnect();
        if (deflater != null) {
            deflater.end();
        }
    }

    private void connect() throws IOException {
        SocketChannel opened = SocketChannel.open();
        try {
            opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
            opened.socket().connect(address, CONNECT_TIMEOUT_MS);
            opened.socket().setSoTimeout(READ_TIMEOUT_MS);
            // The socket adaptor's stream honours SO_TIMEOUT in blocking mode; the channel's own read would not.
            input = opened.socket().getInputStream();
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        channel = opened;
        connections++;
    }

    private ByteBuffer gzip(ByteBuffer json) {
        int length = json.remaining();
        int bound = length + (length >> 12) + (length >> 14) + 64 + GZIP_HEADER.length + 8;
        if (compressed == null || compressed.capacity() < bound) {
            compressed = ByteBuffer.allocateDirect(bound).order(ByteOrder.LITTLE_ENDIAN);
        }
        crc.reset();
        crc.update(json.duplicate());
        deflater.reset();
        deflater.setInput(json);
        deflater.finish();
        compressed.clear();
        compressed.put(GZIP_HEADER);
        while (!deflater.finished()) {
            if (!compressed.hasRemaining()) {
                ByteBuffer larger = ByteBuffer.allocateDirect(compressed.capacity() * 2).order(ByteOrder.LITTLE_ENDIAN);
                compressed.flip();
                larger.put(compressed);
                compressed = larger;
            }
            deflater.deflate(compressed);
        }
        if (compressed.remaining() < 8) {
            ByteBuffer larger = ByteBuffer.allocateDirect(compressed.capacity() + 8).order(ByteOrder.LITTLE_ENDIAN);
            compressed.flip();
            larger.put(compressed);
            compressed = larger;
        }
        compressed.putInt((int) crc.getValue());
        compressed.putInt((int) deflater.getBytesRead());
        compressed.flip();
        return compressed;
    }

    private void putDecimal(long value) {
        int at = digits.length;
        do {
            digits[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        head.put(digits, at, digits.length - at);
    }

    // ---- response ----

    private int readResponse() throws IOException {
        while (true) {
            readLine();
            int status = statusCode();
            long contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            while (readLine() > 0) {
                int colon = indexOf(':', lineStart, lineEnd);
                if (colon < 0) {
                    throw new ProtocolException("malformed response header: " + line());
                }
                int valueStart = colon + 1;
                while (valueStart < lineEnd && (in[valueStart] == ' ' || in[valueStart] == '\t')) {
                    valueStart++;
                }
                if (nameIs(CONTENT_LENGTH, colon)) {
                    contentLength = parseDecimal(valueStart, lineEnd);
                } else if (nameIs(TRANSFER_ENCODING, colon)) {
                    if (!endsWithToken(CHUNKED, valueStart)) {
                        throw new ProtocolException("unsupported Transfer-Encoding: " + line());
                    }
                    chunked = true;
                } else if (nameIs(CONNECTION, colon)) {
                    close |= containsToken(CLOSE, valueStart);
                }
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue; // 100 Continue and other interim answers: the real one follows
            }
            if (chunked) {
                readChunkedBody();
            } else if (contentLength >= 0) {
                skip(contentLength);
            } else if (status != 204 && status != 304) {
                throw new ProtocolException(
                        "response " + status + " has neither Content-Length nor Transfer-Encoding: chunked");
            }
            if (close) {
                disconnect();
            }
            return status;
        }
    }

    private int statusCode() throws ProtocolException {
        // "HTTP/1.x SSS reason"
        int length = lineEnd - lineStart;
        if (length < 12 || in[lineStart] != 'H' || in[lineStart + 4] != '/' || in[lineStart + 8] != ' ') {
            throw new ProtocolException("not an HTTP status line: " + line());
        }
        int status = 0;
        for (int i = lineStart + 9; i < lineStart + 12; i++) {
            int d = in[i] - '0';
            if (d < 0 || d > 9) {
                throw new ProtocolException("not an HTTP status line: " + line());
            }
            status = status * 10 + d;
        }
        return status;
    }

    private void readChunkedBody() throws IOException {
        while (true) {
            readLine();
            long size = 0;
            int digitsSeen = 0;
            for (int i = lineStart; i < lineEnd; i++) {
                int c = in[i];
                int d = c >= '0' && c <= '9'
                        ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    if (c == ';' || c == ' ' || c == '\t') {
                        break; // chunk extensions: ignored
                    }
                    throw new ProtocolException("malformed chunk size: " + line());
                }
                if (++digitsSeen > 15) {
                    throw new ProtocolException("chunk size too large: " + line());
                }
                size = size * 16 + d;
            }
            if (digitsSeen == 0) {
                throw new ProtocolException("malformed chunk size: " + line());
            }
            if (size == 0) {
                while (readLine() > 0) {
                    // trailer fields: ignored
                }
                return;
            }
            skip(size);
            if (readLine() != 0) {
                throw new ProtocolException("chunk data not followed by CRLF");
            }
        }
    }

    /**
     * Makes the next CRLF-terminated line available as {@code in[lineStart, lineEnd)}, consumes it and returns its
     * length. The line stays valid until the next read.
     */
    private int readLine() throws IOException {
        int scanFrom = inPos;
        while (true) {
            for (int i = scanFrom; i + 1 < inLimit; i++) {
                if (in[i] == '\r' && in[i + 1] == '\n') {
                    lineStart = inPos;
                    lineEnd = i;
                    inPos = i + 2;
                    return lineEnd - lineStart;
                }
            }
            scanFrom = Math.max(inPos, inLimit - 1);
            if (inLimit == in.length) {
                if (inPos == 0) {
                    throw new ProtocolException("response line longer than " + in.length + " bytes");
                }
                System.arraycopy(in, inPos, in, 0, inLimit - inPos);
                scanFrom -= inPos;
                inLimit -= inPos;
                inPos = 0;
            }
            fill();
        }
    }

    private void skip(long count) throws IOException {
        while (count > 0) {
            if (inPos == inLimit) {
                inPos = 0;
                inLimit = 0;
                fill();
            }
            int n = (int) Math.min(count, inLimit - inPos);
            inPos += n;
            count -= n;
        }
    }

    private void fill() throws IOException {
        int n = input.read(in, inLimit, in.length - inLimit);
        if (n < 0) {
            throw new EOFException("connection closed by the server");
        }
        inLimit += n;
    }

    private boolean nameIs(byte[] lowerName, int colon) {
        int end = colon;
        while (end > lineStart && (in[end - 1] == ' ' || in[end - 1] == '\t')) {
            end--;
        }
        if (end - lineStart != lowerName.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            if (lower(in[lineStart + i]) != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the comma-separated value {@code in[from, lineEnd)} has {@code token} as a member. */
    private boolean containsToken(byte[] token, int from) {
        int start = from;
        for (int i = from; i <= lineEnd; i++) {
            if (i == lineEnd || in[i] == ',') {
                if (tokenEquals(token, start, i)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** Whether the last member of the comma-separated value {@code in[from, lineEnd)} is {@code token}. */
    private boolean endsWithToken(byte[] token, int from) {
        int start = from;
        for (int i = from; i < lineEnd; i++) {
            if (in[i] == ',') {
                start = i + 1;
            }
        }
        return tokenEquals(token, start, lineEnd);
    }

    private boolean tokenEquals(byte[] token, int start, int end) {
        while (start < end && (in[start] == ' ' || in[start] == '\t')) {
            start++;
        }
        while (end > start && (in[end - 1] == ' ' || in[end - 1] == '\t')) {
            end--;
        }
        if (end - start != token.length) {
            return false;
        }
        for (int i = 0; i < token.length; i++) {
            if (lower(in[start + i]) != token[i]) {
                return false;
            }
        }
        return true;
    }

    private long parseDecimal(int from, int to) throws ProtocolException {
        while (to > from && (in[to - 1] == ' ' || in[to - 1] == '\t')) {
            to--;
        }
        if (from == to || to - from > 18) {
            throw new ProtocolException("malformed Content-Length: " + line());
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = in[i] - '0';
            if (d < 0 || d > 9) {
                throw new ProtocolException("malformed Content-Length: " + line());
            }
            value = value * 10 + d;
        }
        return value;
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private String line() {
        return new String(in, lineStart, Math.min(lineEnd - lineStart, 200), StandardCharsets.ISO_8859_1);
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
