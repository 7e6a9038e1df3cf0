package org.lifecycle.analytics.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in headless Chromium ({@code /usr/bin/chromium}, or {@code $LIFECYCLE_CHROMIUM}) and returns its DOM
 * once its scripts have run and its requests have been answered.
 */
public final class HeadlessPage {

    private HeadlessPage() {
    }

    public static Path browser() {
        String configured = System.getenv("LIFECYCLE_CHROMIUM");
        return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    }

    public static boolean available() {
        return Files.isExecutable(browser());
    }

    /** The page's DOM after it has loaded (virtual time lets its fetches finish before the dump). */
    public static String dom(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("analytics-chromium");
        Process chromium = new ProcessBuilder(browser().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=20000", "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new IllegalStateException("Chromium did not finish with " + url);
        }
        return dom;
    }
}
