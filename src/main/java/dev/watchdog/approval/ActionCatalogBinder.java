package dev.watchdog.approval;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds {@code actions:}; parameters and webhooks have binders of their own. */
final class ActionCatalogBinder {

    private static final Pattern ACTION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** Slack user ids (U…, or W… in Enterprise Grid) and user group ids (S…). */
    private static final Pattern APPROVER = Pattern.compile("[UWS][A-Z0-9]{2,20}");
    private static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
    private static final Duration MAX_EXPIRY = Duration.ofHours(24);

    private ActionCatalogBinder() {
    }

    static ActionCatalog bind(Optional<ConfigNode> section, Optional<ConfigNode> defaultApproversNode) {
        List<String> defaultApprovers = defaultApproversNode.map(ActionCatalogBinder::approvers).orElse(List.of());
        if (section.isEmpty()) {
            return ActionCatalog.empty();
        }
        List<ActionDefinition> actions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode item : section.get().items()) {
            bindAction(item, defaultApprovers).ifPresent(action -> {
                if (ids.add(action.id())) {
                    actions.add(action);
                } else {
                    item.field("id").orElse(item).problem("\"" + action.id()
                            + "\" is already the id of another action (ids must be unique)");
                }
            });
        }
        return new ActionCatalog(actions);
    }

    private static Optional<ActionDefinition> bindAction(ConfigNode item, List<String> defaultApprovers) {
        if (!item.isMapping()) {
            item.allowOnly(); // reports what it must be
            return Optional.empty();
        }
        item.allowOnly("id", "description", "risk", "approvers", "require-second-person", "expires-after",
                "parameters", "webhook");
        String id = item.requiredString("id").strip();
        if (!id.isEmpty() && !ACTION_ID.matcher(id).matches()) {
            item.field("id").get().problem("\"" + id
                    + "\" is not an action id (lower-case letters, digits and -, e.g. rollback-service)");
        }
        String description = item.requiredString("description").strip();
        String risk = item.requiredString("risk").strip();
        Optional<ConfigNode> ownApprovers = item.field("approvers");
        List<String> approvers = ownApprovers.map(ActionCatalogBinder::approvers).orElse(defaultApprovers);
        if (approvers.isEmpty()) {
            ownApprovers.orElse(item).problem("nobody could approve this action: list Slack user ids or user group"
                    + " ids under approvers here or under slack.approvers");
        }
        boolean secondPerson = item.bool("require-second-person", false);
        Duration expiresAfter = expiry(item);
        List<ParameterSpec> parameters = item.field("parameters").map(ParameterBinder::bindAll).orElse(List.of());
        Optional<ConfigNode> webhookNode = item.field("webhook");
        if (webhookNode.isEmpty()) {
            item.requiredString("webhook"); // reports it
            return Optional.empty();
        }
        Optional<WebhookSpec> webhook = WebhookBinder.bind(webhookNode.get(), parameters);
        return webhook.map(spec -> new ActionDefinition(id, description, risk, approvers, secondPerson, expiresAfter,
                parameters, spec));
    }

    private static Duration expiry(ConfigNode item) {
        Duration expiresAfter = item.duration("expires-after", ActionDefinition.DEFAULT_EXPIRY);
        if (expiresAfter.compareTo(MIN_EXPIRY) < 0 || expiresAfter.compareTo(MAX_EXPIRY) > 0) {
            item.field("expires-after").get().problem("must be from " + Durations.format(MIN_EXPIRY) + " to "
                    + Durations.format(MAX_EXPIRY) + " (how long a proposal waits for approval)");
            return ActionDefinition.DEFAULT_EXPIRY;
        }
        return expiresAfter;
    }

    private static List<String> approvers(ConfigNode list) {
        List<String> approvers = new ArrayList<>();
        for (ConfigNode item : list.items()) {
            String id = item.text().orElse("").strip();
            if (APPROVER.matcher(id).matches()) {
                approvers.add(id);
            } else {
                item.problem("\"" + id + "\" is not a Slack user id (U…, W…) or user group id (S…)");
            }
        }
        return approvers;
    }
}
