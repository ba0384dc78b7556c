package dev.watchdog.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** deploy/kubernetes as {@code kubectl apply -k} reads it, with the lookups the checks share. */
final class KubernetesManifests {

    static final Path DIR = Path.of("deploy/kubernetes");
    static final Path SECRET_EXAMPLE = DIR.resolve("secret.example.yaml");
    static final String CONFIG_FILE = "watchdog.yml";

    /** A file the configMapGenerator puts into the ConfigMap, under its key (the file name unless {@code key=path}). */
    record ConfigFile(String key, Path path) {
    }

    final YamlTree kustomization;
    final List<Path> resourceFiles = new ArrayList<>();
    final List<ConfigFile> configFiles = new ArrayList<>();
    private final List<YamlTree> documents = new ArrayList<>();

    private KubernetesManifests(YamlTree kustomization) {
        this.kustomization = kustomization;
    }

    static KubernetesManifests load() throws IOException {
        KubernetesManifests manifests = new KubernetesManifests(YamlTree.load(DIR.resolve("kustomization.yaml")));
        for (YamlTree resource : manifests.kustomization.get("resources").items()) {
            Path file = DIR.resolve(resource.text());
            manifests.resourceFiles.add(file);
            if (Files.isRegularFile(file)) {
                manifests.documents.addAll(YamlTree.loadAll(file));
            }
        }
        for (YamlTree generator : manifests.kustomization.get("configMapGenerator").items()) {
            for (YamlTree entry : generator.get("files").items()) {
                String text = entry.text();
                int equals = text.indexOf('=');
                Path file = DIR.resolve(equals < 0 ? text : text.substring(equals + 1));
                manifests.configFiles.add(new ConfigFile(
                        equals < 0 ? file.getFileName().toString() : text.substring(0, equals), file));
            }
        }
        return manifests;
    }

    /** The one resource of this kind. */
    YamlTree only(String kind) {
        List<YamlTree> found = documents.stream().filter(document -> document.get("kind").textOr("").equals(kind))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " among " + resourceFiles + ", found " + found.size());
        }
        return found.get(0);
    }

    YamlTree podTemplate() {
        return only("Deployment").get("spec", "template");
    }

    YamlTree container() {
        List<YamlTree> containers = podTemplate().get("spec", "containers").items();
        if (containers.size() != 1) {
            throw new AssertionError("expected one container in the Deployment, found " + containers.size());
        }
        return containers.get(0);
    }

    /** A probe's or a Service's port: a number, or the name of one of the container's ports. */
    int containerPort(YamlTree port) {
        String text = port.text();
        if (text.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(text);
        }
        return container().get("ports").items().stream()
                .filter(named -> named.get("name").textOr("").equals(text))
                .map(named -> Integer.parseInt(named.get("containerPort").text()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(port + " names no port of the container"));
    }

    /** The image the Deployment runs once kustomize's {@code images:} has replaced name and tag. */
    String image() {
        String image = container().get("image").text();
        int colon = image.lastIndexOf(':');
        String name = colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
        String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
        for (YamlTree replacement : kustomization.get("images").items()) {
            if (replacement.get("name").text().equals(name)) {
                name = replacement.get("newName").textOr(name);
                tag = replacement.get("newTag").textOr(tag);
            }
        }
        return name + ":" + tag;
    }

    YamlTree secretExample() throws IOException {
        return YamlTree.load(SECRET_EXAMPLE);
    }

    /** Every {@code env[].valueFrom.secretKeyRef} of the container. */
    List<YamlTree> secretKeyRefs() {
        return container().get("env").items().stream()
                .map(variable -> variable.get("valueFrom", "secretKeyRef"))
                .filter(YamlTree::isPresent)
                .toList();
    }

    /**
     * The container's environment: the image's, then the Deployment's on top, with the Secret's
     * values taken from secret.example.yaml (placeholders) and anything else computed by Kubernetes
     * standing in as "placeholder".
     */
    Map<String, String> containerEnv(Map<String, String> imageEnv) throws IOException {
        YamlTree secretValues = secretExample().get("stringData");
        Map<String, String> env = new LinkedHashMap<>(imageEnv);
        for (YamlTree variable : container().get("env").items()) {
            YamlTree secretKey = variable.get("valueFrom", "secretKeyRef", "key");
            String value = variable.get("value").isPresent() ? variable.get("value").text()
                    : secretKey.isPresent() ? secretValues.get(secretKey.text()).textOr("")
                    : "placeholder";
            env.put(variable.get("name").text(), value);
        }
        return env;
    }

    YamlTree config() throws IOException {
        return YamlTree.load(configFile(CONFIG_FILE));
    }

    Path configFile(String key) {
        return configFiles.stream().filter(file -> file.key().equals(key)).map(ConfigFile::path).findFirst()
                .orElseThrow(() -> new AssertionError("the configMapGenerator has no " + key));
    }

    /** server.port of the ConfigMap's watchdog.yml: every port in the manifests must be this one. */
    int serverPort() throws IOException {
        return Integer.parseInt(config().get("server", "port").text());
    }

    /** The ConfigMap's files as the pod sees them: one directory, each file under its key. */
    Path mountConfig(Path dir) throws IOException {
        for (ConfigFile file : configFiles) {
            Files.copy(file.path(), dir.resolve(file.key()));
        }
        return dir.resolve(CONFIG_FILE);
    }
}
