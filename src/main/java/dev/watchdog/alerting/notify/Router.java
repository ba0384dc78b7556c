package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.LabelMatcher;
import dev.watchdog.alerting.Severity;
import dev.watchdog.config.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routing stage: picks each alert's channel, the first route whose matchers all match, else
 * the default channel, and whom to page there.
 */
public final class Router implements Stage {

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

    @Override
    public Optional<Announcement> apply(Announcement announcement) {
        return Optional.of(announcement.routedTo(destination(announcement.alert())));
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
            List<LabelMatcher> matchers = LabelMatcher.bindAll(node.list("matchers"));
            String channel = node.requiredString("channel").trim();
            routes.add(new Route(matchers, channel, Route.mentionSyntax(node.string("mention", ""))));
        }
        return routes;
    }
}
