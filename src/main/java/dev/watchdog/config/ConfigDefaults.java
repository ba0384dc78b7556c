package dev.watchdog.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Adds {@link ConfigDefault}s to a parsed document before it is bound: a missing key becomes the reference it stands
 * for, placed at its section's line so a problem with it points somewhere real. A key the file sets is never touched,
 * and a section that is not a mapping is left for its binder to report.
 */
final class ConfigDefaults {

    private final List<ConfigDefault> defaults;
    private final Map<String, String> env;

    ConfigDefaults(List<ConfigDefault> defaults, Map<String, String> env) {
        this.defaults = List.copyOf(defaults);
        this.env = env;
    }

    void applyTo(Node root) {
        if (!(root instanceof MappingNode document)) {
            return; // not a mapping: the loader reports what the file should look like
        }
        for (ConfigDefault fallback : defaults) {
            if (fallback.whenSet() && env.getOrDefault(fallback.variable(), "").isEmpty()) {
                continue;
            }
            Optional<Node> section = value(document, fallback.section());
            if (section.isEmpty() && fallback.makesSection()) {
                MappingNode made = new MappingNode(Tag.MAP, true, new ArrayList<>(), document.getStartMark(),
                        document.getStartMark(), DumperOptions.FlowStyle.BLOCK);
                document.getValue().add(new NodeTuple(scalar(fallback.section(), document), made));
                section = Optional.of(made);
            }
            if (section.isPresent() && section.get() instanceof MappingNode mapping
                    && value(mapping, fallback.key()).isEmpty() && applies(fallback, mapping)) {
                mapping.getValue().add(new NodeTuple(scalar(fallback.key(), mapping),
                        scalar(fallback.reference(), mapping)));
            }
        }
    }

    private static boolean applies(ConfigDefault fallback, MappingNode section) {
        if (fallback.onlyWhen() == null) {
            return true;
        }
        return value(section, fallback.onlyWhen().getKey())
                .filter(ScalarNode.class::isInstance)
                .map(node -> ((ScalarNode) node).getValue().trim())
                .filter(fallback.onlyWhen().getValue()::contains)
                .isPresent();
    }

    private static Optional<Node> value(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode scalar && key.equals(scalar.getValue()))
                .map(NodeTuple::getValueNode)
                .reduce((first, last) -> last);
    }

    private static ScalarNode scalar(String value, Node at) {
        return new ScalarNode(Tag.STR, value, at.getStartMark(), at.getStartMark(), DumperOptions.ScalarStyle.PLAIN);
    }
}
