package org.lifecycle.ingestion.tracking.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.lifecycle.ingestion.problem.ProblemException;
import org.lifecycle.ingestion.problem.ProblemType;

/**
 * Turns the raw HTTP body into JSON bytes: checks the content type, undoes gzip without ever inflating more than the
 * batch limit (a small gzip bomb cannot exhaust memory), and refuses bodies over the limit.
 */
public final class BodyDecoder {

    private BodyDecoder() {
    }

    public static byte[] decode(byte[] raw, String contentType, String contentEncoding, int maxBytes) {
        checkContentType(contentType);
        byte[] body = switch (encoding(contentEncoding)) {
            case "identity" -> raw;
            case "gzip", "x-gzip" -> gunzip(raw, maxBytes);
            default -> throw ProblemException.field(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding",
                    "Content-Encoding '" + contentEncoding + "' is not supported; send gzip or nothing");
        };
        if (body.length > maxBytes) {
            throw ProblemException.field(ProblemType.BATCH_TOO_LARGE, "body",
                    "The request body is " + body.length + " bytes; the limit is " + maxBytes + " bytes");
        }
        if (body.length == 0) {
            throw ProblemException.field(ProblemType.MALFORMED_JSON, "body", "The request body is empty");
        }
        return body;
    }

    /**
     * JSON, or text/plain because browser SDKs send beacons that way to avoid a CORS preflight. A missing header is
     * taken as JSON, as Segment does; anything else is refused.
     */
    private static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.equals("text/plain")
                && !mediaType.endsWith("+json")) {
            throw ProblemException.field(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "Content-Type '" + contentType + "' is not supported; send application/json");
        }
    }

    private static String encoding(String contentEncoding) {
        return contentEncoding == null || contentEncoding.isBlank()
                ? "identity"
                : contentEncoding.trim().toLowerCase(Locale.ROOT);
    }

    private static byte[] gunzip(byte[] raw, int maxBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 8192)) {
            byte[] inflated = in.readNBytes(maxBytes + 1);
            if (inflated.length > maxBytes) {
                throw ProblemException.field(ProblemType.BATCH_TOO_LARGE, "body",
                        "The decompressed request body exceeds the limit of " + maxBytes + " bytes");
            }
            return inflated;
        } catch (IOException e) {
            throw ProblemException.field(ProblemType.BAD_ENCODING, "Content-Encoding",
                    "The body is not valid gzip: " + e.getMessage());
        }
    }
}
