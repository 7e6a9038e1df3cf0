package org.lifecycle.campaign;

import org.lifecycle.contracts.dispatch.Channel;
import org.lifecycle.contracts.dispatch.Dispatch;
import org.lifecycle.contracts.dispatch.DispatchType;
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

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Contract records this service reads and writes with Jackson outside REST (Kafka values, tracking events, channel
 * names), registered so a native image keeps their constructors and accessors.
 */
@RegisterForReflection(targets = {CustomerEvent.class, MessageType.class, Context.class, Context.Library.class,
        Context.Page.class, Context.Campaign.class, Context.Device.class, Context.Os.class, Context.App.class,
        Order.class, Product.class, EmailActivity.class, Channel.class, Dispatch.class, DispatchType.class,
        StageTransition.class, StageTransition.Cause.class, CauseKind.class, TransitionType.class,
        MembershipChange.class, MembershipChangeType.class, SegmentKind.class})
public final class ContractReflection {

    private ContractReflection() {
    }
}
