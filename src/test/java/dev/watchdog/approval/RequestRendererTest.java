package dev.watchdog.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.security.Redactor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestRendererTest {

    @TempDir
    Path dir;

    private ActionCatalog catalog;

    @BeforeEach
    void load() {
        catalog = Catalogs.standard("https://api.github.com", dir);
    }

    private PreparedRequest rollback(String service, String version) {
        ActionDefinition action = catalog.find("rollback").orElseThrow();
        return RequestRenderer.render(action, ParameterValidation.check(action,
                Map.of("service", service, "version", version)).values());
    }

    @Test
    void rendersTheExactRequestWithJsonValuesInTheBody() {
        PreparedRequest request = rollback("checkout", "v1.4.2");

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.url())
                .isEqualTo("https://api.github.com/repos/acme/shop/actions/workflows/rollback.yml/dispatches");
        assertThat(request.headers()).containsExactly(
                Map.entry("Accept", "application/vnd.github+json"),
                Map.entry("Authorization", "Bearer " + Catalogs.GITHUB_TOKEN),
                Map.entry("X-GitHub-Api-Version", "2022-11-28"),
                Map.entry("Content-Type", "application/json"));
        assertThat(request.body())
                .isEqualTo("{\"ref\": \"main\", \"inputs\": {\"service\": \"checkout\", \"version\": \"v1.4.2\"}}");
    }

    @Test
    void stringsAreJsonEscapedSoAValueCannotBreakOutOfItsPlace() throws Exception {
        ActionCatalog notes = Catalogs.load("""
                slack: {approvers: [U0LEAD0001]}
                actions:
                  - id: annotate
                    description: Add a note
                    risk: none
                    parameters:
                      note: {type: string, pattern: '[\\s\\S]{1,200}', description: the note}
                      count: {type: integer, description: how many}
                    webhook:
                      url: https://runbooks.example/notes
                      body: '{"note": {{note}}, "count": {{ count }}}'
                """, dir);
        ActionDefinition action = notes.find("annotate").orElseThrow();
        String hostile = "a\" , \"admin\": true, \"x\": \"\\\n\u2028";

        PreparedRequest request = RequestRenderer.render(action, ParameterValidation.check(action,
                Map.of("note", hostile, "count", 3)).values());

        var body = new ObjectMapper().readTree(request.body());
        assertThat(body.size()).isEqualTo(2);
        assertThat(body.get("note").asText()).isEqualTo(hostile);
        assertThat(body.get("count").isIntegralNumber()).isTrue();
        assertThat(body.get("count").asLong()).isEqualTo(3);
    }

    @Test
    void urlValuesArePercentEncodedSoTheyStayInTheirSegment() {
        ActionCatalog pods = Catalogs.load("""
                slack: {approvers: [U0LEAD0001]}
                actions:
                  - id: restart
                    description: Restart
                    risk: none
                    parameters:
                      pod: {type: string, pattern: '.{1,80}', description: the pod}
                    webhook:
                      method: DELETE
                      url: https://k8s.example/pods/{{ pod }}?reason=x
                """, dir);
        ActionDefinition action = pods.find("restart").orElseThrow();

        PreparedRequest request = RequestRenderer.render(action, Map.of("pod", "../admin/x y?z=1&a#~*+"));

        assertThat(request.url()).isEqualTo("https://k8s.example/pods/..%2Fadmin%2Fx%20y%3Fz%3D1%26a%23~%2A%2B?reason=x");
        assertThat(request.body()).isEmpty();
        assertThat(request.headers()).isEmpty();
        // A whole segment of "." or ".." would be normalised away and move the request elsewhere.
        assertThat(ParameterValidation.check(action, Map.of("pod", "..")).problems())
                .containsExactly("parameter 'pod': \"..\" cannot be used in a URL path");
    }

    @Test
    void theHashCoversEveryPartAndIgnoresHeaderOrder() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("A", "1");
        headers.put("b", "2");
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("B", "2");
        reordered.put("a", "1");
        PreparedRequest base = new PreparedRequest("POST", "https://x/y", headers, "{}");

        assertThat(base.hash()).hasSize(64).isEqualTo(new PreparedRequest("POST", "https://x/y", reordered, "{}").hash());
        assertThat(base.hash())
                .isNotEqualTo(new PreparedRequest("PUT", "https://x/y", headers, "{}").hash())
                .isNotEqualTo(new PreparedRequest("POST", "https://x/z", headers, "{}").hash())
                .isNotEqualTo(new PreparedRequest("POST", "https://x/y", Map.of("A", "1", "b", "3"), "{}").hash())
                .isNotEqualTo(new PreparedRequest("POST", "https://x/y", headers, "{ }").hash());
        assertThat(rollback("checkout", "v1.4.2").hash()).isEqualTo(rollback("checkout", "v1.4.2").hash())
                .isNotEqualTo(rollback("checkout", "v1.4.3").hash());
    }

    @Test
    void thePreviewMasksSecretHeadersAndRedactsUrlAndBody() {
        PreparedRequest request = new PreparedRequest("POST", "https://user:hunter22@ci.example/hook",
                orderedHeaders(), "{\"token\": \"" + Catalogs.GITHUB_TOKEN + "\"}");

        assertThat(request.preview(Redactor.standard())).isEqualTo("""
                POST https://user:[REDACTED:url-password]@ci.example/hook
                Accept: application/vnd.github+json
                Authorization: [REDACTED:header]
                X-Api-Key: [REDACTED:header]
                X-GitHub-Api-Version: 2022-11-28
                Content-Type: application/json

                {"token": "[REDACTED:github-token]"}""");
    }

    @Test
    void theRollbackPreviewIsTheRequestWithOnlyTheTokenHidden() {
        assertThat(rollback("payments", "v2.0.0").preview(Redactor.standard())).isEqualTo("""
                POST https://api.github.com/repos/acme/shop/actions/workflows/rollback.yml/dispatches
                Accept: application/vnd.github+json
                Authorization: [REDACTED:header]
                X-GitHub-Api-Version: 2022-11-28
                Content-Type: application/json

                {"ref": "main", "inputs": {"service": "payments", "version": "v2.0.0"}}""");
    }

    private static Map<String, String> orderedHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        headers.put("Authorization", "Bearer " + Catalogs.GITHUB_TOKEN);
        headers.put("X-Api-Key", "restart-secret-key");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        headers.put("Content-Type", "application/json");
        return headers;
    }
}
