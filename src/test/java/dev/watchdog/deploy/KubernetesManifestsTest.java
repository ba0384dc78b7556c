package dev.watchdog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes, checked the way a cluster would find it wrong: files, image, ports, probes, secrets. */
class KubernetesManifestsTest {

    private KubernetesManifests manifests;

    @BeforeEach
    void loadManifests() throws IOException {
        manifests = KubernetesManifests.load();
    }

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(KubernetesManifests.DIR)) {
            files = walk.filter(Files::isRegularFile).filter(file -> file.toString().matches(".*\\.ya?ml")).sorted()
                    .toList();
        }

        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        for (Path file : files) {
            assertThat(YamlTree.loadAll(file)).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void theKustomizationListsFilesThatExistButNotTheSecretExample() {
        List<Path> listed = new ArrayList<>(manifests.resourceFiles);
        manifests.configFiles.forEach(file -> listed.add(file.path()));

        assertThat(manifests.resourceFiles).isNotEmpty();
        assertThat(manifests.configFiles).isNotEmpty();
        assertThat(listed).allSatisfy(file -> assertThat(file).isRegularFile());
        assertThat(listed).doesNotContain(KubernetesManifests.SECRET_EXAMPLE);
    }

    @Test
    void theDeploymentRunsTheImageTheReadmeBuilds() throws IOException {
        Matcher build = Pattern.compile("docker build -t (\\S+)").matcher(Files.readString(Path.of("README.md")));

        assertThat(build.find()).as("README shows docker build -t").isTrue();
        assertThat(manifests.image()).isEqualTo(build.group(1));
    }

    @Test
    void containerProbesServiceAndScrapeAnnotationUseTheConfiguredServerPort() throws IOException {
        int port = manifests.serverPort();
        YamlTree container = manifests.container();
        YamlTree service = manifests.only("Service");
        YamlTree annotations = manifests.podTemplate().get("metadata", "annotations");

        assertThat(container.get("ports").items()).extracting(named -> named.get("containerPort").text())
                .containsExactly(String.valueOf(port));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(manifests.containerPort(container.get(probe, "httpGet", "port"))).as(probe).isEqualTo(port);
        }
        assertThat(service.get("spec", "ports").items()).isNotEmpty()
                .allSatisfy(servicePort -> assertThat(manifests.containerPort(servicePort.get("targetPort")))
                        .as(servicePort.path()).isEqualTo(port));
        assertThat(annotations.get("prometheus.io/scrape").text()).isEqualTo("true");
        assertThat(annotations.get("prometheus.io/port").text()).isEqualTo(String.valueOf(port));
        assertThat(annotations.get("prometheus.io/path").text()).isEqualTo("/metrics");
    }

    @Test
    void livenessAsksHealthzAndReadinessAsksReadyz() {
        YamlTree container = manifests.container();

        assertThat(container.get("startupProbe", "httpGet", "path").text()).isEqualTo("/healthz");
        assertThat(container.get("livenessProbe", "httpGet", "path").text()).isEqualTo("/healthz");
        assertThat(container.get("readinessProbe", "httpGet", "path").text()).isEqualTo("/readyz");
    }

    @Test
    void everySecretKeyTheDeploymentReadsIsInTheSecretExample() throws IOException {
        YamlTree secret = manifests.secretExample();
        List<YamlTree> references = manifests.secretKeyRefs();

        assertThat(secret.get("kind").text()).isEqualTo("Secret");
        assertThat(references).extracting(reference -> reference.get("key").text())
                .contains("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "OPENAI_API_KEY");
        for (YamlTree reference : references) {
            assertThat(reference.get("name").text()).as(reference.path())
                    .isEqualTo(secret.get("metadata", "name").text());
            assertThat(secret.get("stringData").keys()).as(reference.path()).contains(reference.get("key").text());
        }
    }

    @Test
    void twoReplicasOnDifferentNodesOfWhichDisruptionsLeaveOne() {
        YamlTree deployment = manifests.only("Deployment");
        Object podLabels = manifests.podTemplate().get("metadata", "labels").value();
        YamlTree budget = manifests.only("PodDisruptionBudget");

        assertThat(deployment.get("spec", "replicas").text()).isEqualTo("2");
        assertThat(deployment.get("spec", "selector", "matchLabels").value()).isEqualTo(podLabels);
        assertThat(manifests.podTemplate().get("spec", "topologySpreadConstraints").items()).anySatisfy(spread -> {
            assertThat(spread.get("topologyKey").text()).isEqualTo("kubernetes.io/hostname");
            assertThat(spread.get("whenUnsatisfiable").text()).isEqualTo("DoNotSchedule");
            assertThat(spread.get("maxSkew").text()).isEqualTo("1");
            assertThat(spread.get("labelSelector", "matchLabels").value()).isEqualTo(podLabels);
        });
        assertThat(budget.get("spec", "minAvailable").text()).isEqualTo("1");
        assertThat(budget.get("spec", "selector", "matchLabels").value()).isEqualTo(podLabels);
        assertThat(manifests.only("Service").get("spec", "selector").value()).isEqualTo(podLabels);
    }

    @Test
    void theContainerRunsLockedDownWithLimitsAndOnlyTmpWritable() {
        YamlTree pod = manifests.podTemplate().get("spec");
        YamlTree container = manifests.container();
        YamlTree security = container.get("securityContext");

        assertThat(pod.get("securityContext", "runAsNonRoot").text()).isEqualTo("true");
        assertThat(security.get("readOnlyRootFilesystem").text()).isEqualTo("true");
        assertThat(security.get("allowPrivilegeEscalation").text()).isEqualTo("false");
        assertThat(security.get("capabilities", "drop").value()).isEqualTo(List.of("ALL"));
        for (String resource : List.of("cpu", "memory")) {
            for (String kind : List.of("requests", "limits")) {
                assertThat(container.get("resources", kind, resource).isPresent()).as("%s.%s", kind, resource).isTrue();
            }
        }
        String tmpVolume = mountedAt("/tmp").get("name").text();
        assertThat(pod.get("volumes").items()).anySatisfy(volume -> {
            assertThat(volume.get("name").text()).isEqualTo(tmpVolume);
            assertThat(volume.get("emptyDir").value()).isNotNull();
        });
    }

    @Test
    void theConfigMapIsMountedWhereTheImageReadsItsConfig() throws IOException {
        Path imageConfig = Path.of(Dockerfile.read().env().get("WATCHDOG_CONFIG"));
        YamlTree mount = mountedAt(imageConfig.getParent().toString());
        String generated = manifests.kustomization.get("configMapGenerator").items().get(0).get("name").text();

        assertThat(imageConfig.getFileName()).hasToString(KubernetesManifests.CONFIG_FILE);
        assertThat(manifests.podTemplate().get("spec", "volumes").items()).anySatisfy(volume -> {
            assertThat(volume.get("name").text()).isEqualTo(mount.get("name").text());
            assertThat(volume.get("configMap", "name").text()).isEqualTo(generated);
        });
    }

    private YamlTree mountedAt(String path) {
        return manifests.container().get("volumeMounts").items().stream()
                .filter(mount -> mount.get("mountPath").text().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + path));
    }
}
