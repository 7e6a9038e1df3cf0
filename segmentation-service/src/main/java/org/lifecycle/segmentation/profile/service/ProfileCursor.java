package org.lifecycle.segmentation.profile.service;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

import org.lifecycle.segmentation.problem.ProblemException;

/**
 * The opaque cursor of a profile listing: the last profile id of the page, as unpadded base64url of its 16 bytes.
 * Clients pass it back unchanged; its form is not part of the API.
 */
public final class ProfileCursor {

    public static final String PARAMETER = "cursor";

    private ProfileCursor() {
    }

    public static String encode(UUID lastId) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(lastId.getMostSignificantBits()).putLong(lastId.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The id a page starts after; a cursor this service did not hand out is refused naming {@code cursor}. */
    public static UUID decode(String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length != 16) {
            throw ProblemException.invalid(PARAMETER,
                    "cursor is not a cursor this service handed out; pass nextCursor from the previous page as is");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
