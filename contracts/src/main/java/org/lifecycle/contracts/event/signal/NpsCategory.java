package org.lifecycle.contracts.event.signal;

import java.util.Locale;

/** The three groups of the Net Promoter Score: 9–10 promote, 7–8 are passive, 0–6 detract. */
public enum NpsCategory {
    PROMOTER, PASSIVE, DETRACTOR;

    /** @throws IllegalArgumentException for a score outside 0–10 */
    public static NpsCategory of(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("An NPS score is between 0 and 10, not " + score);
        }
        return score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
    }

    /** The value on the wire: {@code promoter}, {@code passive}, {@code detractor}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
