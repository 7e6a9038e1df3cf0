package org.lifecycle.segmentation.profile.service;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import org.lifecycle.segmentation.profile.ProfileState;

/** A profile row as the engine works on it: the facts plus what was decided from them. */
public final class ProfileRecord {

    public final UUID id;
    public String identityKey;
    public String userId;
    public final ProfileState state;
    public String stage;
    public Instant stageSince;
    public String previousStage;
    public String rfmGroup;
    public int modelVersion;
    /** The keys of the segments the customer is in, as last published. */
    public Set<String> segments = new LinkedHashSet<>();
    public Instant nextChangeAt;
    public Instant lastEventAt;
    public boolean created;

    public ProfileRecord(UUID id, String identityKey, ProfileState state) {
        this.id = id;
        this.identityKey = identityKey;
        this.state = state;
    }
}
