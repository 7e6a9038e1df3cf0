package org.lifecycle.campaign.template.service;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a rendered HTML part trackable: every {@code <a href>} to an http or https destination is rewritten through
 * its click link, the open pixel is added at the end of the body, and the preheader, when there is one, is put first
 * in the body as hidden text, which inbox lists show after the subject.
 */
public final class HtmlTracking {

    private static final Pattern HREF = Pattern.compile("(<a\\b[^>]*?\\bhref\\s*=\\s*)(\"([^\"]*)\"|'([^']*)')",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BODY_OPEN = Pattern.compile("<body\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_CLOSE = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

    private HtmlTracking() {
    }

    /**
     * @param html the rendered HTML part
     * @param tracked whether a link (as its destination URL) is to be tracked
     * @param clickLink the click link that leads to a destination
     * @param pixelUrl the open pixel's URL
     * @param preheader the rendered preheader; {@code null} or blank for none
     */
    public static String track(String html, Predicate<String> tracked, Function<String, String> clickLink,
            String pixelUrl, String preheader) {
        String out = rewriteLinks(html, tracked, clickLink);
        out = addPixel(out, pixelUrl);
        return preheader == null || preheader.isBlank() ? out : addPreheader(out, preheader);
    }

    static String rewriteLinks(String html, Predicate<String> tracked, Function<String, String> clickLink) {
        Matcher matcher = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 256);
        while (matcher.find()) {
            String quoted = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
            String destination = unescape(quoted).strip();
            String replacement = tracked.test(destination)
                    ? matcher.group(1) + "\"" + escape(clickLink.apply(destination)) + "\""
                    : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String addPixel(String html, String pixelUrl) {
        String pixel = "<img src=\"" + escape(pixelUrl) + "\" width=\"1\" height=\"1\" alt=\"\" "
                + "style=\"display:block;border:0;width:1px;height:1px\">";
        Matcher close = BODY_CLOSE.matcher(html);
        int at = -1;
        while (close.find()) {
            at = close.start();
        }
        return at < 0 ? html + pixel : html.substring(0, at) + pixel + html.substring(at);
    }

    private static String addPreheader(String html, String preheader) {
        String hidden = "<div style=\"display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;"
                + "opacity:0;overflow:hidden;mso-hide:all\">" + escape(preheader) + "</div>";
        Matcher open = BODY_OPEN.matcher(html);
        return open.find()
                ? html.substring(0, open.end()) + hidden + html.substring(open.end())
                : hidden + html;
    }

    /** The value of an HTML attribute as the browser reads it: the entities an href commonly holds decoded. */
    static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;").replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
