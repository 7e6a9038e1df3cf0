package org.lifecycle.segmentation.profile.service;

import java.util.Objects;

/**
 * Which profiles a listing or an export covers: every profile, those in a stage, an RFM group or a segment, or the
 * one a user id, anonymous id or email (case-insensitive) names.
 */
public record ProfileFilter(Kind kind, String value) {

    public static final ProfileFilter EVERYONE = new ProfileFilter(Kind.EVERYONE, null);

    public ProfileFilter {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.EVERYONE) != (value == null)) {
            throw new IllegalArgumentException("A filter has a value unless it lists everyone");
        }
    }

    /** The kinds of filter, named as the query parameter that asks for them. */
    public enum Kind {
        EVERYONE(null), STAGE("stage"), RFM("rfm"), SEGMENT("segment"), USER_ID("userId"), ANONYMOUS_ID(
                "anonymousId"), EMAIL("email");

        private final String parameter;

        Kind(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }
}
