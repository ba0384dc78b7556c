package dev.watchdog.security;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

/**
 * Finds and rewrites secrets in one left-to-right pass. A trie of every rule's triggers (lower
 * case) is walked from each position; only where a trigger starts are the rules that own it tried,
 * in the order of the rule list, and the first that matches consumes its text. A log line without
 * any trigger costs a trie step or two per character and allocates nothing.
 */
final class SecretScanner {

    private final List<SecretRule> rules;
    private final UnaryOperator<String> inside;
    private final Node root = new Node();
    private final ThreadLocal<Matchers> idleMatchers = new ThreadLocal<>();

    /** @param inside what a rule may run on the secret it found, e.g. a narrower scanner for a pair's value */
    SecretScanner(List<SecretRule> rules, UnaryOperator<String> inside) {
        this.rules = List.copyOf(rules);
        this.inside = inside;
        for (int index = 0; index < this.rules.size(); index++) {
            for (String trigger : this.rules.get(index).triggers()) {
                add(trigger, index);
            }
        }
    }

    String redact(String text) {
        int length = text.length();
        Matchers matchers = null;
        StringBuilder out = null;
        int copied = 0;
        int position = 0;
        while (position < length) {
            Node node = root.child(text.charAt(position));
            if (node == null || !node.leadsToRule(text, position + 1)) {
                position++;
                continue;
            }
            if (matchers == null) {
                matchers = borrowMatchers();
            }
            int[] candidates = matchers.candidates;
            int count = collect(node, text, position, candidates);
            int end = -1;
            for (int c = 0; c < count && end < 0; c++) {
                SecretRule rule = rules.get(candidates[c]);
                int start = position - rule.lookBack();
                if (start < copied) {
                    continue;
                }
                Matcher matcher = matchers.on(candidates[c], text);
                matcher.region(start, length);
                if (!matcher.lookingAt() || matcher.end() == start) {
                    continue;
                }
                String replacement = rule.rewrite(matcher, inside);
                if (replacement == null) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(length + 32);
                }
                out.append(text, copied, start).append(replacement);
                copied = matcher.end();
                end = copied;
            }
            position = end > position ? end : position + 1;
        }
        if (matchers != null) {
            matchers.release();
            idleMatchers.set(matchers);
        }
        return out == null ? text : out.append(text, copied, length).toString();
    }

    /** This thread's matchers; a nested call on the same thread (none today) gets its own. */
    private Matchers borrowMatchers() {
        Matchers matchers = idleMatchers.get();
        if (matchers == null) {
            return new Matchers(rules);
        }
        idleMatchers.set(null);
        return matchers;
    }

    /** The rules of every trigger starting at {@code position}, in rule order; their count. */
    private static int collect(Node first, String text, int position, int[] into) {
        int count = 0;
        Node node = first;
        int next = position + 1;
        while (true) {
            for (int rule : node.rules) {
                // Insertion keeps the few candidates sorted by rule index, which is their priority, and once each.
                int at = count;
                while (at > 0 && into[at - 1] > rule) {
                    at--;
                }
                if (at == 0 || into[at - 1] != rule) {
                    System.arraycopy(into, at, into, at + 1, count - at);
                    into[at] = rule;
                    count++;
                }
            }
            if (next >= text.length()) {
                return count;
            }
            node = node.child(text.charAt(next++));
            if (node == null) {
                return count;
            }
        }
    }

    private void add(String trigger, int rule) {
        Node node = root;
        for (int i = 0; i < trigger.length(); i++) {
            node = node.childOrNew(trigger.charAt(i));
        }
        int[] grown = Arrays.copyOf(node.rules, node.rules.length + 1);
        grown[grown.length - 1] = rule;
        node.rules = grown;
    }

    /**
     * One matcher per rule, made once per thread and reset for each text: creating a matcher costs
     * more than most failed attempts. Those used on a text let go of it afterwards.
     */
    private static final class Matchers {
        private final List<SecretRule> rules;
        private final Matcher[] byRule;
        private final int[] used;
        private int usedCount;
        final int[] candidates;

        Matchers(List<SecretRule> rules) {
            this.rules = rules;
            this.byRule = new Matcher[rules.size()];
            this.used = new int[rules.size()];
            this.candidates = new int[rules.size()];
        }

        Matcher on(int rule, String text) {
            Matcher matcher = byRule[rule];
            if (matcher == null) {
                // Transparent bounds let look-behinds see the text before the region; anchoring bounds off keep \z at its end.
                matcher = rules.get(rule).pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                byRule[rule] = matcher;
                used[usedCount++] = rule;
                return matcher;
            }
            if (isUsed(rule)) {
                return matcher; // on this text already; region(…) resets it for the next attempt
            }
            used[usedCount++] = rule;
            return matcher.reset(text);
        }

        private boolean isUsed(int rule) {
            for (int i = 0; i < usedCount; i++) {
                if (used[i] == rule) {
                    return true;
                }
            }
            return false;
        }

        /** Keeps no text reachable from this thread once the scan is over. */
        void release() {
            for (int i = 0; i < usedCount; i++) {
                byRule[used[i]].reset("");
            }
            usedCount = 0;
        }
    }

    /** A trie node over ASCII, compared in lower case; other characters never start or continue a trigger. */
    private static final class Node {
        private static final int[] NO_RULES = new int[0];
        private Node[] children;
        private int[] rules = NO_RULES;

        /** Whether this node, or one reached by the characters from {@code next} on, ends a trigger. */
        boolean leadsToRule(String text, int next) {
            Node node = this;
            for (int i = next; node.rules.length == 0; i++) {
                node = i < text.length() ? node.child(text.charAt(i)) : null;
                if (node == null) {
                    return false;
                }
            }
            return true;
        }

        Node child(char c) {
            if (children == null || c >= 128) {
                return null;
            }
            return children[c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c];
        }

        Node childOrNew(char c) {
            if (c >= 128 || (c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("triggers are lower-case ASCII: " + c);
            }
            if (children == null) {
                children = new Node[128];
            }
            if (children[c] == null) {
                children[c] = new Node();
            }
            return children[c];
        }
    }
}
