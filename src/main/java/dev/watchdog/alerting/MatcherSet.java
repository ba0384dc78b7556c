package dev.watchdog.alerting;

import dev.watchdog.config.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Label matchers that must all match: one entry of {@code alerting.ignore}. */
public record MatcherSet(List<LabelMatcher> matchers) {

    public MatcherSet {
        matchers = List.copyOf(matchers);
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }

    /**
     * Binds {@code [{matchers: ['alertname="InfoInhibitor"']}, …]}. An entry without matchers
     * would match every alert, so it is refused rather than silencing everything.
     */
    public static List<MatcherSet> bindAll(ConfigNode listNode) {
        List<MatcherSet> sets = new ArrayList<>();
        for (ConfigNode node : listNode.items()) {
            if (!node.allowOnly("matchers")) {
                continue;
            }
            List<ConfigNode> matcherNodes = node.list("matchers");
            if (matcherNodes.isEmpty()) {
                node.problem("needs at least one matcher; an entry without matchers would ignore every alert");
                continue;
            }
            sets.add(new MatcherSet(LabelMatcher.bindAll(matcherNodes)));
        }
        return sets;
    }

    @Override
    public String toString() {
        return matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }
}
