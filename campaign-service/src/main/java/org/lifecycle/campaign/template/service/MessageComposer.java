package org.lifecycle.campaign.template.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.tracking.MessageRef;
import org.lifecycle.campaign.tracking.TrackingLinks;

import io.quarkus.qute.Template;

/**
 * Renders a template version for one message: the {@link MessageModel}, Qute, then the tracking of the HTML part.
 * Parsed templates are kept per key for the latest version seen, so a send does not parse its template again.
 */
@ApplicationScoped
public class MessageComposer {

    private final TemplateEngine engine = new TemplateEngine();
    private final TrackingLinks links;
    private final Store store;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public MessageComposer(TrackingLinks links, Store.Settings store) {
        this.links = links;
        this.store = new Store(store.name(), store.url());
    }

    TemplateEngine engine() {
        return engine;
    }

    Store store() {
        return store;
    }

    /** Throws {@link io.quarkus.qute.TemplateException} when the version cannot be rendered. */
    public RenderedMessage render(MessageTemplate template, MessageContext context) {
        MessageRef ref = context.ref();
        String unsubscribe = links.unsubscribe(ref);
        Map<TemplatePart, String> out = engine.render(parsed(template), MessageModel.of(context, unsubscribe, store));
        String preheader = oneLine(out.get(TemplatePart.PREHEADER));
        String html = out.get(TemplatePart.HTML);
        if (html != null) {
            html = HtmlTracking.track(html, url -> TrackingLinks.isTrackable(url) && !links.isTrackingLink(url),
                    url -> links.click(ref, url), links.openPixel(ref), preheader);
        }
        return new RenderedMessage(template.key(), template.version(), template.channel(),
                oneLine(out.get(TemplatePart.SUBJECT)), preheader, html, out.get(TemplatePart.TEXT),
                strip(out.get(TemplatePart.BODY)), out.get(TemplatePart.PAYLOAD), unsubscribe);
    }

    private Map<TemplatePart, Template> parsed(MessageTemplate template) {
        Parsed cached = parsed.get(template.key());
        if (cached != null && cached.version() == template.version()) {
            return cached.parts();
        }
        Map<TemplatePart, Template> parts = engine.parse(template.parts());
        if (cached == null || cached.version() < template.version()) {
            parsed.put(template.key(), new Parsed(template.version(), parts));
        }
        return parts;
    }

    /** A subject or preheader on one line: a line break from a trait must not reach a mail header. */
    private static String oneLine(String text) {
        return text == null ? null : text.replaceAll("\\s+", " ").strip();
    }

    /** An SMS or push body without the line break its template file ends with: every character counts there. */
    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    private record Parsed(int version, Map<TemplatePart, Template> parts) {
    }
}
