package org.lifecycle.segmentation;

import org.lifecycle.contracts.deletion.DeletionRequest;
import org.lifecycle.contracts.deletion.DeletionType;
import org.lifecycle.contracts.event.Context;
import org.lifecycle.contracts.event.CustomerEvent;
import org.lifecycle.contracts.event.MessageType;
import org.lifecycle.contracts.event.commerce.Order;
import org.lifecycle.contracts.event.commerce.Product;
import org.lifecycle.contracts.event.email.EmailActivity;
import org.lifecycle.contracts.membership.MembershipChange;
import org.lifecycle.contracts.membership.MembershipChangeType;
import org.lifecycle.contracts.membership.SegmentKind;
import org.lifecycle.contracts.transition.CauseKind;
import org.lifecycle.contracts.transition.StageTransition;
import org.lifecycle.contracts.transition.TransitionType;
import org.lifecycle.segmentation.profile.ActivityLog;
import org.lifecycle.segmentation.profile.OrderFact;
import org.lifecycle.segmentation.rfm.RfmThresholds;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Records this service reads and writes with Jackson outside REST (Kafka values, the outbox, the JSON columns of
 * profiles and RFM thresholds), registered so a native image keeps their constructors and accessors. The profile
 * document itself, {@code ProfileState}, registers itself.
 */
@RegisterForReflection(targets = {CustomerEvent.class, MessageType.class, Context.class, Context.Library.class,
        Context.Page.class, Context.Campaign.class, Context.Device.class, Context.Os.class, Context.App.class,
        Order.class, Product.class, EmailActivity.class, DeletionRequest.class, DeletionType.class,
        StageTransition.class, StageTransition.Cause.class, CauseKind.class, TransitionType.class,
        MembershipChange.class, MembershipChangeType.class, SegmentKind.class, RfmThresholds.class,
        OrderFact.class, ActivityLog.class, ActivityLog.Bucket.class})
public final class ContractReflection {

    private ContractReflection() {
    }
}
