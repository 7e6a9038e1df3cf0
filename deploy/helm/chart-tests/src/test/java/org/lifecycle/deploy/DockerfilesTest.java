package org.lifecycle.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' images agree with the chart: a non-root user, the port the chart probes. */
class DockerfilesTest {

    private static final Path ROOT = Chart.DIR.resolve("../../..").normalize();
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$");
    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)\\s*$");

    @ParameterizedTest
    @ValueSource(strings = {"ingestion", "segmentation", "campaign", "analytics"})
    void bothImagesRunAsTheChartsNonRootUserAndExposeTheServicePort(String service) throws IOException {
        Deployment deployment = Chart.renderDefaults().get(Deployment.class, Chart.objectName(service));
        long chartUser = deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();

        for (String flavour : List.of("jvm", "native")) {
            Path dockerfile = ROOT.resolve(service + "-service/src/main/docker/Dockerfile." + flavour);
            String text = Files.readString(dockerfile);

            Matcher users = USER.matcher(text);
            String lastUser = null;
            while (users.find()) {
                lastUser = users.group(1);
            }
            assertThat(lastUser).as("USER of %s", dockerfile).isNotNull().matches("[0-9]+");
            assertThat(Long.parseLong(lastUser)).as("USER of %s", dockerfile).isEqualTo(chartUser).isNotZero();

            Matcher expose = EXPOSE.matcher(text);
            assertThat(expose.find()).as("EXPOSE in %s", dockerfile).isTrue();
            assertThat(Integer.parseInt(expose.group(1))).isEqualTo(Chart.SERVICES.get(service));
        }
    }
}
