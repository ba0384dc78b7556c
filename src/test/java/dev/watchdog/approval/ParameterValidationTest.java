package dev.watchdog.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterValidationTest {

    @TempDir
    Path dir;

    private ActionDefinition rollback;
    private ActionDefinition restart;

    @BeforeEach
    void load() {
        ActionCatalog catalog = Catalogs.standard("https://api.github.com", dir);
        rollback = catalog.find("rollback").orElseThrow();
        restart = catalog.find("restart-pod").orElseThrow();
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void acceptsValuesThatAreAllowedAndMatchTheirPatternInCatalogueOrder() {
        ParameterValidation.Result result = ParameterValidation.check(rollback,
                params("version", "v1.4.2", "service", "checkout"));

        assertThat(result.ok()).isTrue();
        assertThat(result.values()).containsExactly(Map.entry("service", "checkout"), Map.entry("version", "v1.4.2"));
    }

    @Test
    void aPatternMustMatchTheWholeValue() {
        assertThat(ParameterValidation.check(rollback, params("service", "checkout", "version", "latest")).problems())
                .containsExactly("parameter 'version': \"latest\" does not match v[0-9]+\\.[0-9]+\\.[0-9]+");
        assertThat(ParameterValidation.check(rollback, params("service", "checkout", "version", "v1.2.3; rm -rf /"))
                .problems()).containsExactly(
                        "parameter 'version': \"v1.2.3; rm -rf /\" does not match v[0-9]+\\.[0-9]+\\.[0-9]+");
        assertThat(ParameterValidation.check(rollback, params("service", "checkout", "version", "xv1.2.3"))
                .ok()).isFalse();
    }

    @Test
    void reportsEveryProblemInWordsTheModelCanActOn() {
        ParameterValidation.Result result = ParameterValidation.check(rollback,
                params("service", "billing", "force", true));

        assertThat(result.ok()).isFalse();
        assertThat(result.values()).isEmpty();
        assertThat(result.problems()).containsExactly(
                "unexpected parameter 'force' (allowed: service, version)",
                "parameter 'service': \"billing\" is not one of: checkout, payments",
                "missing required parameter 'version' (the release tag to go back to)");
    }

    @Test
    void typesAreCheckedStrictlyButJsonNumbersAndTheirTextAreWholeNumbers() {
        assertThat(ParameterValidation.check(rollback, params("service", 42, "version", "v1.0.0")).problems())
                .containsExactly("parameter 'service': expected a string, got 42");
        assertThat(ParameterValidation.check(restart, params("pod", "web-1", "grace", 12)).values())
                .containsEntry("grace", 12L);
        assertThat(ParameterValidation.check(restart, params("pod", "web-1", "grace", 12.0)).values())
                .containsEntry("grace", 12L);
        assertThat(ParameterValidation.check(restart, params("pod", "web-1", "grace", "12")).values())
                .containsEntry("grace", 12L);
        assertThat(ParameterValidation.check(restart, params("pod", "web-1", "grace", 1.5)).problems())
                .containsExactly("parameter 'grace': expected a whole number, got 1.5");
        assertThat(ParameterValidation.check(restart, params("pod", "web-1", "grace", "soon")).problems())
                .containsExactly("parameter 'grace': expected a whole number, got \"soon\"");
        assertThat(ParameterValidation.check(restart, params("pod", "web-1", "grace", Map.of())).problems())
                .containsExactly("parameter 'grace': expected a whole number, got a JSON object");
    }

    @Test
    void integersStayWithinTheirBounds() {
        assertThat(ParameterValidation.check(restart, params("pod", "web-1", "grace", 301)).problems())
                .containsExactly("parameter 'grace': 301 is more than the maximum 300");
        assertThat(ParameterValidation.check(restart, params("pod", "web-1", "grace", -1)).problems())
                .containsExactly("parameter 'grace': -1 is less than the minimum 0");
    }

    @Test
    void anOptionalParameterLeftOutTakesItsDefault() {
        assertThat(ParameterValidation.check(restart, params("pod", "web-1")).values())
                .containsExactly(Map.entry("pod", "web-1"), Map.entry("grace", 30L));
    }

    @Test
    void booleansAcceptTrueAndFalseOnly() {
        ParameterSpec flag = new ParameterSpec("dry", ParameterType.BOOLEAN, "just pretend", java.util.List.of(),
                null, null, null, true, null);

        assertThat(flag.check(true).value()).isEqualTo(true);
        assertThat(flag.check("false").value()).isEqualTo(false);
        assertThat(flag.check("yes").problem()).isEqualTo("parameter 'dry': expected true or false, got \"yes\"");
    }

    @Test
    void overlongAndOddStringsAreRefusedAndQuotedVisibly() {
        assertThat(ParameterValidation.check(rollback, params("service", "checkout", "version", "x".repeat(501)))
                .problems()).containsExactly("parameter 'version': is longer than 500 characters");
        assertThat(ParameterValidation.check(rollback, params("service", "checkout\n\"", "version", "v1.0.0"))
                .problems()).containsExactly("parameter 'service': \"checkout\\n\\\"\" is not one of: checkout, payments");
    }

    @Test
    void anActionWithoutParametersSaysSo() {
        ActionDefinition none = new ActionDefinition("ping", "ping", "none", java.util.List.of(Catalogs.LEAD), false,
                ActionDefinition.DEFAULT_EXPIRY, java.util.List.of(), rollback.webhook());

        assertThat(ParameterValidation.check(none, params("x", 1)).problems())
                .containsExactly("unexpected parameter 'x' (this action takes no parameters)");
        assertThat(ParameterValidation.check(none, null).ok()).isTrue();
    }
}
