package org.lifecycle.campaign.runtime.service;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.lifecycle.campaign.journey.engine.EntryDecider;
import org.lifecycle.campaign.journey.engine.GlobalControl;
import org.lifecycle.campaign.journey.engine.JourneyEngine;
import org.lifecycle.campaign.journey.offer.WinBackOffers;
import org.lifecycle.campaign.journey.policy.SendPolicy;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;

/** The pure journey domain as beans, and the clock every runtime decision reads (tests move it). */
public class RuntimeBeans {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    EntryDecider entryDecider(RuntimeSettings settings) {
        GlobalControl control = settings.globalControlPercent().signum() == 0
                ? GlobalControl.none()
                : new GlobalControl(settings.globalControlPercent(), settings.globalControlSalt());
        return new EntryDecider(control, settings.maxTriggerAge());
    }

    @Produces
    @Singleton
    JourneyEngine journeyEngine(OfferSettings offers) {
        return new JourneyEngine(new WinBackOffers(offers.tiers()));
    }

    /** Built at start-up, so an impossible {@code lifecycle.policy.*} value stops the application with its name. */
    @Produces
    @Singleton
    @Startup
    SendPolicy sendPolicy(SendPolicyConfig config) {
        return new SendPolicy(config.toSettings());
    }
}
