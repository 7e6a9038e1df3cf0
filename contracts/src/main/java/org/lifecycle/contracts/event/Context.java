package org.lifecycle.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A typed view of the Segment {@code context} fields the suite relies on (quiet hours need the time zone,
 * attribution needs the campaign, channel choice needs the device). The event keeps the full object; this view only
 * reads it. Nested parts are never {@code null}, so {@code context.page().url()} needs no guard.
 */
public record Context(
        String ip,
        String locale,
        String timezone,
        String userAgent,
        Library library,
        Page page,
        Campaign campaign,
        Device device,
        Os os,
        App app) {

    private static final Context EMPTY = of(null);

    /** The view of a {@code context} object; never throws, whatever the sender put there. */
    public static Context of(ObjectNode context) {
        return new Context(
                PropertyValues.text(context, "ip"),
                PropertyValues.text(context, "locale"),
                PropertyValues.text(context, "timezone"),
                PropertyValues.text(context, "userAgent"),
                Library.of(PropertyValues.object(context, "library")),
                Page.of(PropertyValues.object(context, "page")),
                Campaign.of(PropertyValues.object(context, "campaign")),
                Device.of(PropertyValues.object(context, "device")),
                Os.of(PropertyValues.object(context, "os")),
                App.of(PropertyValues.object(context, "app")));
    }

    /** The view of an event without context. */
    public static Context empty() {
        return EMPTY;
    }

    /** The SDK that sent the event. */
    public record Library(String name, String version) {

        static Library of(JsonNode node) {
            return new Library(PropertyValues.text(node, "name"), PropertyValues.text(node, "version"));
        }
    }

    /** The web page the event happened on. */
    public record Page(String path, String referrer, String search, String title, String url) {

        static Page of(JsonNode node) {
            return new Page(PropertyValues.text(node, "path"), PropertyValues.text(node, "referrer"),
                    PropertyValues.text(node, "search"), PropertyValues.text(node, "title"),
                    PropertyValues.text(node, "url"));
        }
    }

    /** The UTM campaign that brought the customer, for attribution. */
    public record Campaign(String name, String source, String medium, String term, String content) {

        static Campaign of(JsonNode node) {
            return new Campaign(PropertyValues.text(node, "name"), PropertyValues.text(node, "source"),
                    PropertyValues.text(node, "medium"), PropertyValues.text(node, "term"),
                    PropertyValues.text(node, "content"));
        }
    }

    /** The device, which tells whether push can reach the customer. */
    public record Device(String id, String type, String manufacturer, String model) {

        static Device of(JsonNode node) {
            return new Device(PropertyValues.text(node, "id"), PropertyValues.text(node, "type"),
                    PropertyValues.text(node, "manufacturer"), PropertyValues.text(node, "model"));
        }
    }

    /** The operating system. */
    public record Os(String name, String version) {

        static Os of(JsonNode node) {
            return new Os(PropertyValues.text(node, "name"), PropertyValues.text(node, "version"));
        }
    }

    /** The mobile app, for screen events. */
    public record App(String name, String version, String build) {

        static App of(JsonNode node) {
            return new App(PropertyValues.text(node, "name"), PropertyValues.text(node, "version"),
                    PropertyValues.text(node, "build"));
        }
    }
}
