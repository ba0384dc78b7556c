package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.Severity;
import dev.watchdog.config.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Picks each alert's channel: the first route whose matchers all match, else the default channel. */
public final class Router {

    /** Where one alert goes, and whom to page there. */
    public record Destination(String channel, String mention) {
    }

    private final List<Route> routes;
    private final String defaultChannel;

    public Router(List<Route> routes, String defaultChannel) {
        this.routes = List.copyOf(routes);
        this.defaultChannel = defaultChannel;
    }

    public Destination destination(AlertInstance alert) {
        for (Route route : routes) {
            if (route.matches(alert.labels())) {
                boolean page = Severity.of(alert).isCritical();
                return new Destination(route.channel(), page ? route.mention() : "");
            }
        }
        return new Destination(defaultChannel, "");
    }

    public List<String> channels() {
        List<String> channels = new ArrayList<>();
        channels.add(defaultChannel);
        routes.forEach(route -> channels.add(route.channel()));
        return channels.stream().distinct().toList();
    }

    /** Binds {@code slack.routes}: {@code [{matchers: ['severity="critical"'], channel: "#x", mention: "@here"}]}. */
    public static List<Route> bind(ConfigNode routesNode) {
        List<Route> routes = new ArrayList<>();
        for (ConfigNode node : routesNode.items()) {
            if (!node.allowOnly("matchers", "channel", "mention")) {
                continue;
            }
            List<LabelMatcher> matchers = new ArrayList<>();
            for (ConfigNode matcherNode : node.list("matchers")) {
                String text = matcherNode.text().orElse("");
                StringBuilder error = new StringBuilder();
                Optional<LabelMatcher> matcher = LabelMatcher.parse(text, error);
                matcher.ifPresentOrElse(matchers::add, () -> matcherNode.problem(error.toString()));
            }
            String channel = node.requiredString("channel").trim();
            routes.add(new Route(matchers, channel, Route.mentionSyntax(node.string("mention", ""))));
        }
        return routes;
    }
}
