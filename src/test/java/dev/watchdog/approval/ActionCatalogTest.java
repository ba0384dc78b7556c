package dev.watchdog.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.security.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionCatalogTest {

    @TempDir
    Path dir;

    @Test
    void bindsTheCatalogueWithDefaultsFromTheConfig() {
        ActionCatalog catalog = Catalogs.standard("https://api.github.com", dir);

        assertThat(catalog.ids()).containsExactly("rollback", "restart-pod");
        ActionDefinition rollback = catalog.find("rollback").orElseThrow();
        assertThat(rollback.approvers()).containsExactly(Catalogs.LEAD, Catalogs.ONCALL_GROUP);
        assertThat(rollback.requireSecondPerson()).isFalse();
        assertThat(rollback.expiresAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(rollback.webhook().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(rollback.webhook().headers())
                .containsEntry("Authorization", Secret.of("Bearer " + Catalogs.GITHUB_TOKEN))
                .containsEntry("Content-Type", Secret.of("application/json"));
        assertThat(rollback.webhook().body().placeholders()).containsExactly("service", "version");

        ActionDefinition restart = catalog.find("restart-pod").orElseThrow();
        assertThat(restart.approvers()).as("slack.approvers by default").containsExactly(Catalogs.LEAD);
        assertThat(restart.requireSecondPerson()).isTrue();
        assertThat(restart.expiresAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(restart.webhook().method()).isEqualTo("POST");
        assertThat(restart.webhook().body()).isNull();
        assertThat(restart.webhook().headers()).doesNotContainKey("Content-Type");
        assertThat(restart.webhook().timeout()).isEqualTo(WebhookSpec.DEFAULT_TIMEOUT);
    }

    @Test
    void noActionsSectionMeansAnEmptyCatalogue() {
        ActionCatalog catalog = Catalogs.load("slack: {channel: \"#alerts\"}\n", dir);

        assertThat(catalog.isEmpty()).isTrue();
        assertThat(catalog.find("rollback")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
        assertThat(catalog.describeForModel()).isEqualTo("No actions are configured: nothing can be proposed.");
    }

    @Test
    void secretsAreEveryHeaderValueOutsideTheSafeList() {
        ActionCatalog catalog = Catalogs.standard("https://api.github.com", dir);

        assertThat(catalog.secrets()).containsExactlyInAnyOrder("Bearer " + Catalogs.GITHUB_TOKEN,
                Catalogs.GITHUB_TOKEN, "restart-secret-key");
        assertThat(catalog.find("rollback").orElseThrow().webhook().toString()).doesNotContain(Catalogs.GITHUB_TOKEN);
    }

    @Test
    void describesItselfForTheModel() {
        assertThat(Catalogs.standard("https://api.github.com", dir).describeForModel()).isEqualTo("""
                - rollback: Roll back a service to an earlier release
                  risk: Every pod of the service restarts; requests in flight may fail.
                  parameter service (string, one of: checkout, payments, required): the service to roll back
                  parameter version (string, matching v[0-9]+\\.[0-9]+\\.[0-9]+, required): the release tag to go back to
                - restart-pod: Restart one pod
                  risk: The pod's connections drop.
                  parameter pod (string, matching [a-z0-9-]{1,63}, required): the pod's name
                  parameter grace (integer, at least 0, at most 300, optional, default 30): seconds to let it finish""");
    }

    @Test
    void aTemplateRejectsAStrayOpeningBrace() {
        assertThat(Template.parse("{\"a\": {{ x }}}").placeholders()).containsExactly("x");
        assertThat(List.of("{{x}", "{{ 1x }}", "{{ a b }}")).allSatisfy(text -> assertThat(
                org.assertj.core.api.Assertions.catchThrowable(() -> Template.parse(text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a placeholder"));
    }
}
