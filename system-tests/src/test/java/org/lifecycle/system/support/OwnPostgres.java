package org.lifecycle.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL server of the test's own: Debian's server binaries ({@code /usr/lib/postgresql/<version>/bin}, the
 * newest, or {@code $LIFECYCLE_PG_BIN}), {@code initdb} into a directory under
 * {@code system-tests/target/own-infrastructure/}, started with {@code pg_ctl} on a free port of 127.0.0.1 with trust
 * authentication for the user {@code postgres}. A test may restart it without touching the shared server. PostgreSQL
 * refuses to run as root: when the tests run as root (as CI does), every {@code initdb}/{@code pg_ctl} runs as the
 * operating-system user {@code postgres} ({@code runuser -u postgres --}), which owns the directory. As a JUnit
 * extension ({@code @RegisterExtension}) it starts before the class and is stopped and deleted after it (kept when
 * {@code LIFECYCLE_KEEP_TEST_DATABASES} is set).
 */
public final class OwnPostgres implements BeforeAllCallback, AfterAllCallback {

    private static final String USER = "postgres";
    private static final String OS_USER = "postgres";
    private static final long TIMEOUT_SECONDS = 180;

    private final Path home;
    private final int port;
    private Path bin;
    private boolean initialised;
    private boolean running;

    /** Picks the port and the directory now, so that {@link #endpoint()} is known before the server runs. */
    public OwnPostgres(String name) {
        this.home = workDirectory().resolve("postgres-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        this.port = Installation.freePort();
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String user() {
        return USER;
    }

    public Path home() {
        return home;
    }

    /** This server and {@code kafka}'s broker, for {@link Installation#Installation(String, Infrastructure.Endpoints)}. */
    public Infrastructure.Endpoints endpoints(OwnKafka kafka) {
        return new Infrastructure.Endpoints(host(), Integer.toString(port), USER, kafka.bootstrap());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        if (System.getenv("LIFECYCLE_KEEP_TEST_DATABASES") != null) {
            System.err.println("LIFECYCLE_KEEP_TEST_DATABASES is set: kept the PostgreSQL directory " + home);
        } else {
            deleteRecursively(home);
        }
    }

    /** Creates the cluster on the first start, then starts the server and waits until it accepts connections. */
    public OwnPostgres start() {
        if (!initialised) {
            initialise();
        }
        pgCtl("start", List.of("-l", home.resolve("server.log").toString(), "-o", serverOptions()));
        running = true;
        return this;
    }

    /**
     * {@code pg_ctl restart} in the given mode: {@code fast} (disconnects clients, rolls back what is open, a clean
     * shutdown) or {@code immediate} (no shutdown checkpoint: crash recovery on the way up).
     */
    public OwnPostgres restart(String mode) {
        pgCtl("restart", List.of("-m", mode, "-l", home.resolve("server.log").toString(), "-o", serverOptions()));
        running = true;
        return this;
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) if this object started it. */
    public void stop() {
        if (running) {
            running = false;
            pgCtl("stop", List.of("-m", "fast"));
        }
    }

    private void initialise() {
        bin = binaries();
        try {
            Files.createDirectories(home);
            if (asRoot()) {
                run(List.of("chown", "-R", OS_USER + ":" + OS_USER, home.toString()), "chown");
                Process probe = new ProcessBuilder(List.of("runuser", "-u", OS_USER, "--", "test", "-w",
                        home.toString())).redirectErrorStream(true).start();
                if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                    throw new IllegalStateException("The operating-system user " + OS_USER + " cannot write to "
                            + home + " (a folder above it is not open to others?): PostgreSQL cannot run there");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        run(command(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", USER,
                "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")), "initdb");
        initialised = true;
    }

    /** Trust for the loopback, a socket in the cluster's own directory, enough connections for four services. */
    private String serverOptions() {
        return "-c listen_addresses=127.0.0.1 -p " + port + " -k " + home + " -c max_connections=300"
                + " -c fsync=on -c synchronous_commit=on";
    }

    private void pgCtl(String action, List<String> options) {
        List<String> arguments = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(),
                "-w", "-t", Long.toString(TIMEOUT_SECONDS)));
        arguments.addAll(options);
        arguments.add(action);
        run(command(arguments), "pg_ctl " + action);
    }

    private Path data() {
        return home.resolve("data");
    }

    private List<String> command(List<String> arguments) {
        if (!asRoot()) {
            return arguments;
        }
        List<String> command = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
        command.addAll(arguments);
        return command;
    }

    private void run(List<String> command, String what) {
        Path log = home.resolve("commands.log");
        try {
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + (TIMEOUT_SECONDS + 30)
                        + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with code " + process.exitValue() + ":\n"
                        + tail(log) + "\n" + tail(home.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + what, e);
        }
    }

    /** The server binaries; fails, saying what to install, when there are none. */
    static Path binaries() {
        String configured = System.getenv("LIFECYCLE_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            if (hasServer(bin)) {
                return bin;
            }
            throw new IllegalStateException("LIFECYCLE_PG_BIN=" + configured + " holds no initdb and pg_ctl");
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(version -> version.resolve("bin")).filter(OwnPostgres::hasServer)
                        .max(Comparator.comparingInt(OwnPostgres::majorVersion));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(
                "No PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin:"
                        + " this test runs a PostgreSQL server of its own. Install them (apt-get install -y postgresql;"
                        + " deploy/local/lifecycle infra does so when run as root) or set LIFECYCLE_PG_BIN to their folder");
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
                && Files.isExecutable(bin.resolve("postgres"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code system-tests/target/own-infrastructure/}: where the test's own servers keep their data. */
    static Path workDirectory() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target")
                .resolve("own-infrastructure");
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    private static String tail(Path log) {
        try {
            if (!Files.isRegularFile(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
