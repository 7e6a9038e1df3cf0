package org.lifecycle.analytics.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page's own logic (stage order, labels and places on the lifecycle map; "today" in the reporting zone), run by
 * Node's test runner over {@code src/test/js}. Skipped on a machine without {@code node}.
 */
class DashboardScriptsTest {

    @Test
    void thePagesScriptsPassTheirTests() throws IOException, InterruptedException {
        assumeTrue(nodeAvailable(), "node is not installed");
        Path tests = Path.of("src/test/js");
        assertThat(tests).isDirectory();
        Process node = new ProcessBuilder("node", "--test", tests.resolve("dashboard.test.mjs").toString())
                .redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("# pass 5").contains("# fail 0");
    }

    private static boolean nodeAvailable() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0
                    && Files.isDirectory(Path.of("src/test/js"));
        } catch (IOException e) {
            return false;
        }
    }
}
