package org.lifecycle.analytics.aggregate.messaging;

import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.contracts.dispatch.Channel;
import org.lifecycle.contracts.dispatch.Dispatch;
import org.lifecycle.contracts.dispatch.DispatchType;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.membership.MembershipChangeType;
import org.lifecycle.contracts.membership.SegmentKind;
import org.lifecycle.contracts.transition.CauseKind;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.TransitionType;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The contract records the consumers decode with Jackson outside REST, registered so a native image keeps their
 * constructors and accessors.
 */
@RegisterForReflection(targets = {CustomerEvent.class, MessageType.class, StageTransition.class,
        StageTransition.Cause.class, CauseKind.class, TransitionType.class, MembershipChange.class,
        MembershipChangeType.class, SegmentKind.class, Dispatch.class, DispatchType.class, Channel.class,
        DeletionRequest.class, DeletionType.class})
public final class ContractReflection {

    private ContractReflection() {
    }
}
