package org.lifecycle.analytics.aggregate.service;

/**
 * Reads the browser family, operating system and kind of device out of a {@code User-Agent} header, by the tokens
 * browsers put there. Order matters: Edge and Opera also say Chrome, Chrome also says Safari, iPads also say Mac.
 */
public final class UserAgents {

    public static final String UNKNOWN = "(unknown)";

    private UserAgents() {
    }

    public static String browser(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent;
        if (isBot(ua)) {
            return "Bot";
        }
        if (ua.contains("Edg/") || ua.contains("EdgA/") || ua.contains("EdgiOS/") || ua.contains("Edge/")) {
            return "Edge";
        }
        if (ua.contains("OPR/") || ua.contains("Opera")) {
            return "Opera";
        }
        if (ua.contains("SamsungBrowser/")) {
            return "Samsung Internet";
        }
        if (ua.contains("Firefox/") || ua.contains("FxiOS/")) {
            return "Firefox";
        }
        if (ua.contains("Chrome/") || ua.contains("CriOS/") || ua.contains("Chromium/")) {
            return "Chrome";
        }
        if (ua.contains("MSIE ") || ua.contains("Trident/")) {
            return "Internet Explorer";
        }
        if (ua.contains("Safari/") || ua.contains("AppleWebKit/")) {
            return "Safari";
        }
        return "Other";
    }

    public static String os(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent;
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod")) {
            return "iOS";
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("CrOS")) {
            return "Chrome OS";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("Linux") || ua.contains("X11")) {
            return "Linux";
        }
        return "Other";
    }

    /** {@code mobile}, {@code tablet}, {@code desktop} or {@code bot}. */
    public static String device(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent;
        if (isBot(ua)) {
            return "bot";
        }
        if (ua.contains("iPad") || ua.contains("Tablet") || (ua.contains("Android") && !ua.contains("Mobile"))) {
            return "tablet";
        }
        if (ua.contains("Mobi") || ua.contains("iPhone") || ua.contains("iPod") || ua.contains("Android")) {
            return "mobile";
        }
        return "desktop";
    }

    private static boolean isBot(String ua) {
        String lower = ua.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("bot") || lower.contains("spider") || lower.contains("crawler");
    }
}
