package dev.watchdog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.ConfigLoader;
import dev.watchdog.WatchdogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The image, checked from the Dockerfile itself: there is no Docker engine where the tests run. */
class DockerfileTest {

    private static final Path SHIPPED_CONFIG = Path.of("watchdog.yml");
    private static final List<String> OCI_LABELS = List.of("title", "description", "version", "revision", "created",
            "source", "licenses");

    private static Dockerfile dockerfile;
    /** The baked watchdog.yml as the image's environment makes it: what the container runs with. */
    private static WatchdogConfig imageConfig;

    @BeforeAll
    static void readDockerfile() throws Exception {
        dockerfile = Dockerfile.read();
        imageConfig = new ConfigLoader(dockerfile.env()).load(SHIPPED_CONFIG);
    }

    @Test
    void runsAsANumericNonRootUserThatTheDeploymentAlsoNames() throws Exception {
        String user = dockerfile.last("USER")
                .orElseThrow(() -> new AssertionError("the image sets no USER: it runs as root"));
        String uid = user.split(":")[0];

        // numeric: Kubernetes' runAsNonRoot cannot verify a user name
        assertThat(uid).as("USER %s", user).matches("[0-9]+").isNotEqualTo("0");
        assertThat(KubernetesManifests.load().podTemplate().get("spec", "securityContext", "runAsUser").text())
                .isEqualTo(uid);
    }

    @Test
    void listensOnEveryInterfaceInsideTheContainerAndOnLoopbackOutside() throws Exception {
        assertThat(imageConfig.server().host()).isEqualTo("0.0.0.0");
        assertThat(new ConfigLoader(Map.of()).load(SHIPPED_CONFIG).server().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void exposesTheOpsPortOfTheBakedAndTheKubernetesConfig() throws Exception {
        assertThat(dockerfile.last("EXPOSE")).hasValue(String.valueOf(imageConfig.server().port()));
        assertThat(KubernetesManifests.load().serverPort()).isEqualTo(imageConfig.server().port());
    }

    @Test
    void healthcheckAsksHealthzOnTheOpsPort() {
        String healthcheck = dockerfile.last("HEALTHCHECK").orElseThrow(() -> new AssertionError("no HEALTHCHECK"));

        assertThat(healthcheck).contains("CMD")
                .containsPattern("http://(127\\.0\\.0\\.1|localhost):" + imageConfig.server().port() + "/healthz\\b");
    }

    @Test
    void carriesTheOciLabelsWithVersionRevisionAndTimeFromBuildArguments() {
        Map<String, String> labels = dockerfile.labels();
        Map<String, String> args = Dockerfile.args(dockerfile.image());

        for (String name : OCI_LABELS) {
            assertThat(labels).as("LABEL org.opencontainers.image.%s", name)
                    .containsKey("org.opencontainers.image." + name);
        }
        for (String name : List.of("version", "revision", "created")) {
            String value = labels.get("org.opencontainers.image." + name);
            Matcher reference = Pattern.compile("^\\$\\{?(\\w+)}?$").matcher(value);
            assertThat(reference.matches())
                    .as("org.opencontainers.image.%s=%s comes from a build argument", name, value).isTrue();
            assertThat(args).as("ARG in the image stage").containsKey(reference.group(1));
        }
    }

    @Test
    void theJvmSizesItsHeapFromTheContainerAndEndsOnOutOfMemory() throws Exception {
        String javaOptions = dockerfile.env().getOrDefault("JAVA_OPTS", "");
        List<String> entrypoint = new ObjectMapper().readerForListOf(String.class)
                .readValue(dockerfile.last("ENTRYPOINT").orElseThrow());

        assertThat(javaOptions).containsPattern("-XX:MaxRAMPercentage=\\d+").contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(String.join(" ", entrypoint)).contains("exec java $JAVA_OPTS ").contains("-jar /app/watchdog.jar");
    }

    @Test
    void sqliteLoadsItsNativeLibraryFromTheImageNotFromTmp() throws Exception {
        String entrypoint = dockerfile.last("ENTRYPOINT").orElseThrow();
        Matcher libraryPath = Pattern.compile("-Dorg\\.sqlite\\.lib\\.path=(\\S+)").matcher(entrypoint);

        assertThat(libraryPath.find()).as("ENTRYPOINT sets org.sqlite.lib.path").isTrue();
        assertThat(entrypoint).contains("-Dorg.sqlite.lib.name=libsqlitejdbc.so");
        assertThat(Dockerfile.all(dockerfile.image(), "COPY"))
                .anyMatch(copy -> copy.startsWith("--from=") && copy.endsWith(" " + libraryPath.group(1)
                        + "/libsqlitejdbc.so"));
    }

    @Test
    void theBuildTakesVersionAndRevisionFromArgumentsNotFromGit() throws Exception {
        List<Dockerfile.Instruction> build = dockerfile.stages().get(0);
        String maven = Dockerfile.all(build, "RUN").stream().filter(run -> run.contains(" package")).findFirst()
                .orElseThrow(() -> new AssertionError("no mvn package in the build stage"));

        assertThat(Dockerfile.args(build)).containsKeys("VERSION", "REVISION");
        assertThat(maven).contains("-Drevision=\"${VERSION}\"").contains("-Dgit.commit.id.abbrev=\"${REVISION}\"");
        // without -Drevision the jar is the pom's version, and so is an image built without VERSION
        String pomVersion = pomRevision();
        for (List<Dockerfile.Instruction> stage : dockerfile.stages()) {
            assertThat(Dockerfile.args(stage).getOrDefault("VERSION", pomVersion)).isEqualTo(pomVersion);
        }
    }

    @Test
    void theBuildContextIsAnAllowlistOfWhatTheCopiesNeedAndGitIsNotInIt() throws Exception {
        List<String> patterns = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> allowed = patterns.stream().filter(line -> line.startsWith("!"))
                .map(line -> line.substring(1).replaceAll("/+$", "")).toList();

        assertThat(patterns).first().as("the first pattern excludes everything").isEqualTo("*");
        assertThat(allowed).noneMatch(path -> path.equals(".git") || path.startsWith(".git/"));
        for (String source : contextSources()) {
            assertThat(Path.of(source)).as("COPY %s", source).exists();
            assertThat(allowed).as(".dockerignore lets COPY %s through", source)
                    .anyMatch(path -> source.equals(path) || source.startsWith(path + "/"));
        }
    }

    /** What the COPY instructions take from the build context (not --from another stage). */
    private static List<String> contextSources() {
        List<String> sources = new ArrayList<>();
        for (List<Dockerfile.Instruction> stage : dockerfile.stages()) {
            for (String copy : Dockerfile.all(stage, "COPY")) {
                List<String> words = Dockerfile.words(copy);
                if (words.stream().noneMatch(word -> word.startsWith("--from="))) {
                    List<String> paths = words.stream().filter(word -> !word.startsWith("--")).toList();
                    paths.subList(0, paths.size() - 1).stream().map(path -> path.replaceAll("/+$", ""))
                            .forEach(sources::add);
                }
            }
        }
        assertThat(sources).isNotEmpty();
        return sources;
    }

    private static String pomRevision() throws Exception {
        Matcher revision = Pattern.compile("<revision>([^<]+)</revision>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(revision.find()).as("pom.xml has a <revision> property").isTrue();
        return revision.group(1);
    }
}
