package org.lifecycle.campaign.journey.engine;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.lifecycle.campaign.journey.definition.Step;

/**
 * Holdout, global control and A/B assignment by a stable hash of who and what: the same customer always lands in the
 * same group and variant, on every replica and after every restart, with nothing stored to decide it. Each decision
 * hashes its own label with its inputs, so being held out says nothing about the variant one would have got.
 */
public final class Assignments {

    private static final double TWO_TO_53 = 0x1p53;

    private Assignments() {
    }

    /** Whether the customer is in the journey's holdout of {@code percent} percent; sticky across versions. */
    public static boolean heldOut(String journeyKey, String customerKey, BigDecimal percent) {
        return percent.signum() > 0 && unit("holdout", journeyKey, customerKey) * 100 < percent.doubleValue();
    }

    /** Whether the customer is in a global control group of {@code percent} percent drawn with {@code salt}. */
    static boolean inGlobalControl(String salt, String customerKey, BigDecimal percent) {
        return percent.signum() > 0 && unit("global-control", salt, customerKey) * 100 < percent.doubleValue();
    }

    /** The key of the variant of {@code split} the customer gets, in proportion to the variants' weights. */
    public static String variant(String journeyKey, Step.Split split, String customerKey) {
        double total = split.variants().stream().mapToDouble(variant -> variant.weight().doubleValue()).sum();
        double point = unit("split", journeyKey, split.id(), customerKey) * total;
        double upTo = 0;
        for (Step.Variant variant : split.variants()) {
            upTo += variant.weight().doubleValue();
            if (point < upTo) {
                return variant.key();
            }
        }
        // Only rounding in the running sum can get here; the point then belongs to the last variant.
        return split.variants().getLast().key();
    }

    /** A number in [0, 1) from the SHA-256 of the parts: uniform, and the same for the same parts everywhere. */
    static double unit(String... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        byte[] hash = digest.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(hash, 0, Long.BYTES).getLong() >>> (Long.SIZE - 53);
        return bits / TWO_TO_53;
    }
}
