package org.lifecycle.system.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The suite's services, each run from its packaged {@code quarkus-app} as deploy/local/lifecycle runs it. */
public enum Service {

    INGESTION("ingestion-service"), SEGMENTATION("segmentation-service"), CAMPAIGN("campaign-service"), ANALYTICS(
            "analytics-service");

    private final String module;

    Service(String module) {
        this.module = module;
    }

    /** The Maven module and the service's name, e.g. {@code segmentation-service}. */
    public String module() {
        return module;
    }

    /** The name without {@code -service}, as databases and logs use it. */
    public String shortName() {
        return module.substring(0, module.length() - "-service".length());
    }

    /** The module's directory, the service's working directory. */
    public Path directory() {
        return repository().resolve(module);
    }

    /** {@code <repository>/<service>/target/quarkus-app/quarkus-run.jar}; fails, saying how to build it, if missing. */
    public Path jar() {
        Path jar = directory().resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not packaged: " + jar + " is missing. Build the services"
                    + " before the system tests: ./mvnw -pl system-tests -am verify packages them first (add"
                    + " -Dtest=<TestClass> -Dsurefire.failIfNoSpecifiedTests=false to skip the modules' own tests),"
                    + " or ./mvnw package -DskipTests");
        }
        return jar;
    }

    /**
     * The repository root: what Maven passes as {@code lifecycle.repository}, else the first directory upwards from
     * the working directory that holds this module (a run from an IDE).
     */
    public static Path repository() {
        String configured = System.getProperty("lifecycle.repository");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("system-tests").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root from " + Path.of("").toAbsolutePath()
                + ": set -Dlifecycle.repository=<repository root>");
    }
}
