package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.Methods;
import com.slack.api.methods.MethodsClient;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The bot scopes in manifest.yml cover every Web API method Watchdog's code calls (found in its source as calls
 * of Bolt's {@link MethodsClient}), the ones Bolt itself calls, and every event the manifest subscribes to. A
 * method added to the code without its scope in {@link #REQUIRED} fails here until someone looks up its scope.
 */
class ManifestScopesTest {

    /** Slack's documented bot scopes per method ("Required scopes" on each method's page). */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("chat.postMessage", List.of("chat:write")),
            Map.entry("chat.update", List.of("chat:write")),
            Map.entry("chat.postEphemeral", List.of("chat:write")),
            Map.entry("chat.getPermalink", List.of()), // "Bot tokens: no scope required"
            // Threads live in public and private channels alike.
            Map.entry("conversations.history", List.of("channels:history", "groups:history")),
            Map.entry("conversations.replies", List.of("channels:history", "groups:history")),
            Map.entry("usergroups.users.list", List.of("usergroups:read")),
            Map.entry("bots.info", List.of("users:read")),
            Map.entry("files.getUploadURLExternal", List.of("files:write")),
            Map.entry("files.completeUploadExternal", List.of("files:write")),
            // Modals (What was it?, the actual cause) open with the click's trigger_id and need no scope.
            Map.entry("views.open", List.of()),
            Map.entry("auth.test", List.of()));

    /** Calls Bolt makes on its own: auth.test at start, bots.info to recognise its own bot's events. */
    private static final Set<String> BOLT_CALLS = Set.of("auth.test", "bots.info");

    private static final Map<String, String> EVENT_SCOPES = Map.of(
            "app_mention", "app_mentions:read",
            "message.channels", "channels:history",
            "message.groups", "groups:history",
            "message.im", "im:history",
            "message.mpim", "mpim:history");

    @Test
    void everyMethodTheCodeOrBoltCallsHasItsScope() throws IOException {
        Set<String> called = new TreeSet<>(BOLT_CALLS);
        called.addAll(methodsCalledInSource());
        assertThat(called).as("the code calls Slack").contains("chat.postMessage");

        assertThat(called).as("methods whose scope is not known to this test: add them to REQUIRED")
                .allMatch(REQUIRED::containsKey);
        Map<String, List<String>> missing = new TreeMap<>();
        for (String method : called) {
            List<String> absent = REQUIRED.get(method).stream().filter(scope -> !botScopes().contains(scope)).toList();
            if (!absent.isEmpty()) {
                missing.put(method, absent);
            }
        }
        assertThat(missing).as("scopes missing from manifest.yml, per method").isEmpty();
    }

    @Test
    void everySubscribedEventAndTheCommandHaveTheirScope() {
        Map<String, Object> settings = map(manifest().get("settings"));
        List<String> events = strings(map(settings.get("event_subscriptions")).get("bot_events"));

        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(botScopes()).contains(EVENT_SCOPES.get(event)));
        assertThat(botScopes()).contains("commands");
    }

    /** Bolt's method names (chatPostMessage) used anywhere in src/main, as Slack names them (chat.postMessage). */
    private static Set<String> methodsCalledInSource() throws IOException {
        Map<String, String> slackNameByClientMethod = new HashMap<>();
        for (Field constant : Methods.class.getFields()) {
            if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
                String slackName = (String) get(constant);
                slackNameByClientMethod.put(slackName.replace(".", "").toLowerCase(Locale.ROOT), slackName);
            }
        }
        Set<String> clientMethods = Arrays.stream(MethodsClient.class.getMethods()).map(Method::getName)
                .filter(name -> slackNameByClientMethod.containsKey(name.toLowerCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        Pattern call = Pattern.compile("\\.([a-z][A-Za-z]*)\\(");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = call.matcher(Files.readString(source));
                while (matcher.find()) {
                    if (clientMethods.contains(matcher.group(1))) {
                        found.add(slackNameByClientMethod.get(matcher.group(1).toLowerCase(Locale.ROOT)));
                    }
                }
            }
        }
        return found;
    }

    private static Set<String> botScopes() {
        Map<String, Object> oauth = map(manifest().get("oauth_config"));
        return new TreeSet<>(strings(map(oauth.get("scopes")).get("bot")));
    }

    private static Map<String, Object> manifest() {
        try {
            return map(new Yaml().load(Files.readString(Path.of("manifest.yml"))));
        } catch (IOException failure) {
            throw new IllegalStateException("cannot read manifest.yml", failure);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object node) {
        return (List<String>) node;
    }

    private static Object get(Field constant) {
        try {
            return constant.get(null);
        } catch (IllegalAccessException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
