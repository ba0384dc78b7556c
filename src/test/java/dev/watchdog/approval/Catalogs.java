package dev.watchdog.approval;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.watchdog.ConfigLoader;
import dev.watchdog.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Catalogues bound from YAML exactly as watchdog.yml is, so tests exercise the real binding. The
 * standard one has a GitHub-style rollback (approvers: a user and a group) and a restart that
 * needs a second person.
 */
public final class Catalogs {

    public static final String LEAD = "U0LEAD0001";
    public static final String ONCALL_GROUP = "S0ONCALL01";
    public static final String GITHUB_TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    private Catalogs() {
    }

    /** A started stand-in for the webhooks' target (GitHub's API) that answers every request with 204. */
    public static WireMockServer webhookTarget() {
        WireMockServer target = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().jettyAcceptors(1));
        target.start();
        target.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(204)));
        return target;
    }

    /** The standard {@code actions:} section for a running Watchdog: webhooks at {@code baseUrl}, token filled in. */
    public static String standardYamlWithToken(String baseUrl) {
        return standardYaml(baseUrl).replace("${GITHUB_TOKEN}", GITHUB_TOKEN);
    }

    /** The {@code actions:} section of the standard catalogue, its webhooks pointing at {@code baseUrl}. */
    public static String standardYaml(String baseUrl) {
        return """
                actions:
                  - id: rollback
                    description: Roll back a service to an earlier release
                    risk: Every pod of the service restarts; requests in flight may fail.
                    approvers: [%s, %s]
                    parameters:
                      service:
                        type: string
                        allowed: [checkout, payments]
                        description: the service to roll back
                      version:
                        type: string
                        pattern: 'v[0-9]+\\.[0-9]+\\.[0-9]+'
                        description: the release tag to go back to
                    webhook:
                      method: POST
                      url: %s/repos/acme/shop/actions/workflows/rollback.yml/dispatches
                      headers:
                        Accept: application/vnd.github+json
                        Authorization: Bearer ${GITHUB_TOKEN}
                        X-GitHub-Api-Version: "2022-11-28"
                      body: |
                        {"ref": "main", "inputs": {"service": {{ service }}, "version": {{ version }}}}
                      timeout: 5s
                  - id: restart-pod
                    description: Restart one pod
                    risk: The pod's connections drop.
                    require-second-person: true
                    expires-after: 10m
                    parameters:
                      pod:
                        type: string
                        pattern: '[a-z0-9-]{1,63}'
                        description: the pod's name
                      grace:
                        type: integer
                        min: 0
                        max: 300
                        required: false
                        default: 30
                        description: seconds to let it finish
                    webhook:
                      url: %s/pods/{{ pod }}/restart?grace={{ grace }}
                      headers:
                        X-Api-Key: restart-secret-key
                """.formatted(LEAD, ONCALL_GROUP, baseUrl, baseUrl);
    }

    public static ActionCatalog standard(String baseUrl, Path dir) {
        return load("slack:\n  approvers: [" + LEAD + "]\n" + standardYaml(baseUrl), dir);
    }

    /** Loads a whole watchdog.yml (with GITHUB_TOKEN set) and returns its catalogue. */
    public static ActionCatalog load(String yaml, Path dir) {
        try {
            Path file = dir.resolve("watchdog-" + System.nanoTime() + ".yml");
            Files.writeString(file, yaml);
            return new ConfigLoader(Map.of("GITHUB_TOKEN", GITHUB_TOKEN)).load(file).actions();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException invalid) {
            throw new AssertionError("the test catalogue does not load:\n" + invalid.getMessage(), invalid);
        }
    }
}
